//! Full userdata: a host value with a metatable and user values.

use std::any::Any;

use crate::gc::heap::{Gc, HeapObject, ObjKind};
use crate::value::table::Table;
use crate::value::Value;

pub struct UserData {
    pub meta: Option<Gc<Table>>,
    pub user_values: Box<[Value]>,
    pub data: Box<dyn Any>,
    /// Size in bytes the host declared for accounting (the payload's own size by default).
    pub size: usize,
}

impl HeapObject for UserData {
    const KIND: ObjKind = ObjKind::UserData;
    fn extra_bytes(&self) -> usize {
        self.size + self.user_values.len() * std::mem::size_of::<Value>()
    }
}
