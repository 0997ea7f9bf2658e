//! `string.dump`: turns a Lua function's runtime prototype back into the compiler's plain
//! `FuncProto` and writes it as a binary chunk (`compiler::dump`).
#![forbid(unsafe_code)]

use crate::compiler::dump::dump as dump_proto;
use crate::compiler::proto::{Constant, FuncProto};
use crate::value::function::Proto;
use crate::value::{Type, Value};
use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// The plain-data form of a loaded prototype and its nested prototypes. The nesting depth is
/// bounded by the compiler's and the binary loader's limits.
pub fn func_proto_of(p: &Proto) -> FuncProto {
    let constants =
        p.k.iter()
            .map(|v| match *v {
                Value::Bool(b) => Constant::Bool(b),
                Value::Int(i) => Constant::Int(i),
                Value::Num(f) => Constant::Float(f),
                Value::Str(s) => Constant::Str(s.get().as_bytes().to_vec()),
                _ => Constant::Nil,
            })
            .collect();
    FuncProto {
        source: p.source.get().as_bytes().to_vec(),
        line_defined: p.line_defined,
        last_line_defined: p.last_line_defined,
        num_params: p.num_params,
        is_vararg: p.is_vararg,
        max_stack_size: p.max_stack,
        code: p.code.to_vec(),
        constants,
        upvalues: p.upvalues.to_vec(),
        protos: p.protos.iter().map(|q| func_proto_of(q.get())).collect(),
        line_info: p.line_info.to_vec(),
        loc_vars: p.loc_vars.to_vec(),
    }
}

/// `string.dump(f, strip)`.
pub fn dump(st: &mut State) -> LuaResult<usize> {
    let strip = st.to_boolean(2);
    st.check_type(1, Type::Function)?;
    st.set_top(1);
    let Value::LFn(cl) = st.value_at(1) else {
        return Err(st.error_msg("unable to dump given function"));
    };
    let chunk = dump_proto(&func_proto_of(cl.get().proto.get()), strip);
    st.push_bytes(&chunk)?;
    Ok(1)
}
