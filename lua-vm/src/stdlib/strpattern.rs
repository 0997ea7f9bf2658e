//! Pattern matching functions of the string library: `find`, `match`, `gmatch` and `gsub`, over the
//! pure matcher in `text::pattern`.
#![forbid(unsafe_code)]

use crate::text::pattern::{self, Capture, GMatch, Match, PatternError, MAX_CAPTURES};
use crate::value::Type;
use crate::vm::error::{LuaError, LuaResult};
use crate::vm::state::{upvalue_index, State};

use super::string::start_pos;

fn pattern_error(st: &mut State, e: PatternError) -> LuaError {
    if e == PatternError::Interrupted {
        return st.interrupted_error();
    }
    st.error_msg(e.to_string())
}

/// The VM's interrupt flag, which the matcher watches (a pattern can backtrack for ages).
fn interrupt<'a>(st: &State) -> pattern::Interrupt<'a> {
    Some(&st.g().interrupt)
}

/// Pushes one capture of `m` over `subject`.
fn push_capture(st: &mut State, subject: &[u8], m: &Match, i: usize) -> LuaResult<()> {
    match m.capture(i) {
        Ok(Capture::Bytes { start, end }) => st.push_bytes(&subject[start..end]),
        Ok(Capture::Position(p)) => {
            st.push_integer(p as i64);
            Ok(())
        }
        Err(e) => Err(pattern_error(st, e)),
    }
}

/// Pushes captures `0..count` (`push_captures`).
fn push_captures(st: &mut State, subject: &[u8], m: &Match, count: usize) -> LuaResult<usize> {
    if !st.ensure_stack(count) {
        return Err(st.error_msg("stack overflow (too many captures)"));
    }
    for i in 0..count {
        push_capture(st, subject, m, i)?;
    }
    Ok(count)
}

/// The 0-based start offset of `find`/`match`, or `None` when `init` lies past the end.
fn init_offset(st: &mut State, arg: i32, len: usize) -> LuaResult<Option<usize>> {
    let init = start_pos(st.opt_integer(arg, 1)?, len) - 1;
    Ok((init <= len as u64).then_some(init as usize))
}

fn find_aux(st: &mut State, find: bool) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    let p = st.check_bytes(2)?;
    let Some(from) = init_offset(st, 3, s.len())? else {
        st.push_nil();
        return Ok(1);
    };
    if find {
        if let Some(found) = pattern::find_if_plain(s, p, from, st.to_boolean(4)) {
            // Its two positions pushed directly, with no capture record built.
            return Ok(match found {
                Some(start) => {
                    st.push_integer(start as i64 + 1);
                    st.push_integer((start + p.len()) as i64);
                    2
                }
                None => {
                    st.push_nil();
                    1
                }
            });
        }
    }
    // Past the plain case, `find` and `match` run the same matcher.
    let flag = interrupt(st);
    let found = pattern::match_interruptible(s, p, from, flag);
    match found {
        Err(e) => Err(pattern_error(st, e)),
        Ok(None) => {
            st.push_nil();
            Ok(1)
        }
        Ok(Some(m)) if find => {
            st.push_integer(m.start() as i64 + 1);
            st.push_integer(m.end() as i64);
            Ok(2 + push_captures(st, s, &m, m.capture_count())?)
        }
        Ok(Some(m)) => push_captures(st, s, &m, m.value_count()),
    }
}

/// `string.find(s, pattern, init, plain)`.
pub fn find(st: &mut State) -> LuaResult<usize> {
    find_aux(st, true)
}

/// `string.match(s, pattern, init)`.
pub fn match_(st: &mut State) -> LuaResult<usize> {
    find_aux(st, false)
}

/// The iterator `gmatch` returns; upvalues: subject, pattern, state.
fn gmatch_next(st: &mut State) -> LuaResult<usize> {
    let s = st.to_str_obj(upvalue_index(1));
    let p = st.to_str_obj(upvalue_index(2));
    let gm = st.to_userdata::<GMatch>(upvalue_index(3));
    let (Some(s), Some(p), Some(gm)) = (s, p, gm) else {
        return Ok(0);
    };
    let (s, p) = (s.get().as_bytes(), p.get().as_bytes());
    match gm.next_interruptible(s, p, interrupt(st)) {
        Ok(Some(m)) => push_captures(st, s, &m, m.value_count()),
        Ok(None) => Ok(0),
        Err(e) => Err(pattern_error(st, e)),
    }
}

/// `string.gmatch(s, pattern, init)`.
pub fn gmatch(st: &mut State) -> LuaResult<usize> {
    let s = st.check_bytes(1)?;
    st.check_bytes(2)?;
    let init = st.opt_integer(3, 1)?;
    st.set_top(2);
    st.new_userdata(GMatch::new(init, s.len()), 0)?;
    st.push_closure(gmatch_next, 3)?;
    Ok(1)
}

/// An error inside the substitution loop.
enum GsubError {
    Lua(LuaError),
    Pattern(PatternError),
}

impl From<PatternError> for GsubError {
    fn from(e: PatternError) -> Self {
        GsubError::Pattern(e)
    }
}

impl From<LuaError> for GsubError {
    fn from(e: LuaError) -> Self {
        GsubError::Lua(e)
    }
}

/// Appends the value a function or table gave for match `m` (`add_value`); false if it kept the
/// original text.
fn add_value(
    st: &mut State,
    subject: &[u8],
    m: &Match,
    tr: Type,
    out: &mut Vec<u8>,
) -> LuaResult<bool> {
    if tr == Type::Function {
        st.push_value(3);
        let n = push_captures(st, subject, m, m.value_count())?;
        st.call(n, 1)?;
    } else {
        push_capture(st, subject, m, 0)?;
        st.get_table(3)?;
    }
    if !st.to_boolean(-1) {
        st.pop(1);
        out.extend_from_slice(&subject[m.start()..m.end()]);
        return Ok(false);
    }
    match st.to_bytes(-1)? {
        Some(b) => {
            st.reserve_buffer(out, b.len())?;
            out.extend_from_slice(b);
            st.pop(1);
            Ok(true)
        }
        None => {
            let tname = st.type_name_at(-1);
            Err(st.error_msg(format!("invalid replacement value (a {tname})")))
        }
    }
}

/// `string.gsub(s, pattern, repl, n)`.
pub fn gsub(st: &mut State) -> LuaResult<usize> {
    let src = st.check_bytes(1)?;
    let p = st.check_bytes(2)?;
    let tr = st.type_at(3);
    let max_n = st.opt_integer(4, src.len() as i64 + 1)?;
    let tr = match tr {
        Some(t @ (Type::Number | Type::String | Type::Function | Type::Table)) => t,
        _ => return Err(st.type_error_arg(3, "string/function/table")),
    };
    let mut out = st.take_str_buf();
    st.reserve_buffer(&mut out, src.len())?;
    let flag = interrupt(st);
    let r = if matches!(tr, Type::Number | Type::String) {
        let repl = st.to_bytes(3)?.unwrap_or(b"");
        pattern::gsub_interruptible(src, p, Some(max_n), &mut out, flag, |m, out| {
            // Room for the replacement with one copy of the match, counted against the memory cap.
            st.reserve_buffer(out, repl.len() + (m.end() - m.start()))?;
            pattern::expand_replacement(repl, src, m, out)?;
            Ok::<bool, GsubError>(true)
        })
    } else {
        if !st.ensure_stack(MAX_CAPTURES + 2) {
            return Err(st.error_msg("stack overflow (too many captures)"));
        }
        pattern::gsub_interruptible(src, p, Some(max_n), &mut out, flag, |m, out| {
            add_value(st, src, m, tr, out).map_err(GsubError::Lua)
        })
    };
    let (count, changed) = match r {
        Ok(r) => r,
        Err(GsubError::Lua(e)) => return Err(e),
        Err(GsubError::Pattern(e)) => return Err(pattern_error(st, e)),
    };
    if changed {
        st.push_bytes(&out)?;
    } else {
        st.push_value(1);
    }
    st.keep_str_buf(out);
    st.push_integer(count);
    Ok(2)
}
