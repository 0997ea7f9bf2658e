//! The warning system (`warn`, `lua_warning`): "@on"/"@off" control messages, pieces of a message
//! assembled until the last one, and output to standard error as "Lua warning: ...".

use crate::vm::state::State;

#[derive(Default)]
pub struct WarnState {
    /// Warnings are off until a "@on" control message.
    pub on: bool,
    /// Pieces of a warning being assembled (`tocont`).
    pub pending: Vec<u8>,
    /// Captured output instead of standard error (for hosts and tests), when set.
    pub capture: Option<Vec<u8>>,
    /// A message is being written (warnings were on at its first piece): no control messages.
    pub continuing: bool,
}

impl State {
    /// Emits a warning piece; `tocont` says more pieces follow (`lua_warning`).
    pub fn warning(&mut self, msg: &str, tocont: bool) {
        self.warning_bytes(msg.as_bytes(), tocont)
    }

    pub fn warning_bytes(&mut self, msg: &[u8], tocont: bool) {
        let w = &mut self.g().warn;
        if !w.continuing && !tocont && msg.first() == Some(&b'@') {
            match msg {
                b"@on" => w.on = true,
                b"@off" => w.on = false,
                _ => {}
            }
            return;
        }
        if !w.continuing && !w.on {
            // Off: pieces are dropped; only a last piece can be a control message.
            return;
        }
        w.pending.extend_from_slice(msg);
        w.continuing = tocont;
        if tocont {
            return;
        }
        let text = std::mem::take(&mut w.pending);
        let mut line = b"Lua warning: ".to_vec();
        line.extend_from_slice(&text);
        line.push(b'\n');
        match &mut w.capture {
            Some(buf) => buf.extend_from_slice(&line),
            None => {
                use std::io::Write;
                let _ = std::io::stderr().write_all(&line);
            }
        }
    }
}
