//! Debug hooks (call, return, line, count), as `debug.sethook` installs them: the hook is a Lua value
//! called with the event name and, for line events, the line.

use crate::compiler::opcode::Instruction;
use crate::value::Value;
use crate::vm::debuginfo::{current_pc, line_of};
use crate::vm::error::LuaResult;
use crate::vm::state::{cist, hookmask, State, MIN_STACK};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HookEvent {
    Call,
    Return,
    Line,
    Count,
    TailCall,
}

impl HookEvent {
    pub fn name(self) -> &'static str {
        match self {
            HookEvent::Call => "call",
            HookEvent::Return => "return",
            HookEvent::Line => "line",
            HookEvent::Count => "count",
            HookEvent::TailCall => "tail call",
        }
    }
}

impl State {
    /// Calls the hook for `event` on the current frame (`luaD_hook`), unless inside a hook already.
    pub(crate) fn run_hook(&mut self, event: HookEvent, line: i64) -> LuaResult<()> {
        self.run_hook_transfer(event, line, 0, 0)
    }

    /// `luaD_hook` with the transferred values of a call or return (`ntransfer > 0` marks the frame
    /// `CIST_TRAN` so `getinfo` "r" sees them).
    pub(crate) fn run_hook_transfer(
        &mut self,
        event: HookEvent,
        line: i64,
        ftransfer: usize,
        ntransfer: usize,
    ) -> LuaResult<()> {
        let th = self.th();
        if !th.hook.allow || th.hook.func.is_nil() {
            return Ok(());
        }
        let mut mask = cist::HOOKED;
        if ntransfer != 0 {
            mask |= cist::TRAN;
            let ci = th.ci_mut();
            ci.ftransfer = ftransfer as u16;
            ci.ntransfer = ntransfer as u16;
        }
        let saved_top = th.top;
        let ci_top = th.ci().top;
        if th.ci().is_lua() && th.top < ci_top {
            th.top = ci_top;
        }
        self.check_stack(MIN_STACK)?;
        let th = self.th();
        if th.ci().top < th.top + MIN_STACK {
            th.ci_mut().top = th.top + MIN_STACK;
        }
        let name = Value::Str(self.new_str(event.name().as_bytes())?);
        let th = self.th();
        th.hook.allow = false;
        th.ci_mut().status |= mask;
        let f = th.hook.func;
        let top = th.top;
        th.stack[top] = f;
        th.stack[top + 1] = name;
        th.stack[top + 2] = if line >= 0 {
            Value::Int(line)
        } else {
            Value::Nil
        };
        th.top = top + 3;
        let r = self.call_noyield_at(top, 0);
        let th = self.th();
        th.hook.allow = true;
        // After an error the hook's frame is still the current one (the frames are unwound by
        // whoever catches the error; a dead coroutine keeps them, with its error object on top):
        // leave the stack as it is, as the reference does.
        if r.is_ok() {
            th.ci_mut().top = ci_top;
            th.top = saved_top;
            th.ci_mut().status &= !mask;
        }
        r
    }

    /// The call hook of a native function (called with its frame already pushed).
    pub(crate) fn call_hook_event(&mut self, event: HookEvent) -> LuaResult<()> {
        let th = self.th();
        let narg = th.top - th.ci().func - 1;
        self.run_hook_transfer(event, -1, 1, narg)
    }

    /// The call hook of a Lua function, at its first instruction (after VARARGPREP for vararg ones).
    pub(crate) fn call_hook_for_lua(&mut self) -> LuaResult<()> {
        let th = self.th();
        th.hook.old_pc = 0;
        if th.hook.mask & hookmask::CALL == 0 {
            return Ok(());
        }
        let event = if th.ci().status & cist::TAIL != 0 {
            HookEvent::TailCall
        } else {
            HookEvent::Call
        };
        let ci = *th.ci();
        let nparams = self.frame_proto(&ci).map_or(0, |p| p.num_params as usize);
        let th = self.th();
        th.ci_mut().step_pc(1);
        let r = self.run_hook_transfer(event, -1, 1, nparams);
        self.th().ci_mut().savedpc = ci.savedpc;
        r
    }

    /// Called by `poscall` before the frame is popped when any hook is set (`rethook`): runs the return
    /// hook, then makes the caller's current instruction the last one seen by the line hook.
    pub(crate) fn ret_hook(&mut self, nres: usize) -> LuaResult<()> {
        let th = self.th();
        if th.hook.mask & hookmask::RET != 0 {
            let ci = *th.ci();
            // A vararg Lua function's frame was moved above its arguments: count from the virtual
            // function slot, as the reference does.
            let delta = match self.frame_proto(&ci) {
                Some(p) if p.is_vararg => ci.nextraargs + p.num_params as usize + 1,
                _ => 0,
            };
            let th = self.th();
            let firstres = th.top - nres;
            let idx = th.cis.len() - 1;
            th.ci_mut().func += delta;
            let ftransfer = firstres.wrapping_sub(ci.func + delta);
            let r = self.run_hook_transfer(HookEvent::Return, -1, ftransfer, nres);
            // By index: after an error the hook's own frame is the current one.
            self.th().cis[idx].func -= delta;
            r?;
        }
        let th = self.th();
        let n = th.cis.len();
        if n >= 2 {
            let prev = th.cis[n - 2];
            if prev.is_lua() {
                th.hook.old_pc = prev.pc_index().saturating_sub(1);
            }
        }
        Ok(())
    }

    /// Line and count hooks before executing instruction `pc` of frame `ci_idx` (`luaG_traceexec`).
    pub(crate) fn trace_exec(&mut self, ci_idx: usize, pc: *const Instruction) -> LuaResult<()> {
        let th = self.th();
        let mask = th.hook.mask;
        if mask & (hookmask::LINE | hookmask::COUNT) == 0 {
            return Ok(());
        }
        th.cis[ci_idx].savedpc = pc.wrapping_add(1);
        th.hook.count = th.hook.count.wrapping_sub(1);
        let counthook = th.hook.count == 0 && mask & hookmask::COUNT != 0;
        if counthook {
            th.hook.count = th.hook.base_count;
        } else if mask & hookmask::LINE == 0 {
            th.cis[ci_idx].savedpc = pc;
            return Ok(());
        }
        let ci = th.cis[ci_idx];
        let r = (|| {
            if counthook {
                self.run_hook(HookEvent::Count, -1)?;
            }
            if mask & hookmask::LINE != 0 {
                if let Some(p) = self.frame_proto(&ci) {
                    let th = self.th();
                    let oldpc = if th.hook.old_pc < p.code.len() {
                        th.hook.old_pc
                    } else {
                        0
                    };
                    let npc = current_pc(&ci);
                    if npc <= oldpc || line_of(p, oldpc) != line_of(p, npc) {
                        self.run_hook(HookEvent::Line, line_of(p, npc))?;
                    }
                    self.th().hook.old_pc = npc;
                }
            }
            Ok(())
        })();
        self.th().cis[ci_idx].savedpc = pc;
        r
    }
}
