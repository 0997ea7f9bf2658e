//! The register instruction set: Lua 5.4's own opcodes and 32-bit encoding.
//!
//! Formats (bit 0 is the least significant):
//! ```text
//! iABC   C(8) | B(8) | k(1) | A(8) | Op(7)
//! iABx   Bx(17)             | A(8) | Op(7)
//! iAsBx  sBx(17, excess K)  | A(8) | Op(7)
//! iAx    Ax(25)                    | Op(7)
//! isJ    sJ(25, excess K)          | Op(7)
//! ```
//! Signed arguments are stored in excess-K form: the stored unsigned value minus half its range.
//! The semantics of each opcode are those of the reference (the comment beside each variant).
#![forbid(unsafe_code)]

pub type Instruction = u32;

pub const SIZE_OP: u32 = 7;
pub const SIZE_A: u32 = 8;
pub const SIZE_B: u32 = 8;
pub const SIZE_C: u32 = 8;
pub const SIZE_BX: u32 = SIZE_C + SIZE_B + 1;
pub const SIZE_AX: u32 = SIZE_BX + SIZE_A;
pub const SIZE_SJ: u32 = SIZE_BX + SIZE_A;

pub const POS_A: u32 = SIZE_OP;
pub const POS_K: u32 = POS_A + SIZE_A;
pub const POS_B: u32 = POS_K + 1;
pub const POS_C: u32 = POS_B + SIZE_B;
pub const POS_BX: u32 = POS_K;
pub const POS_AX: u32 = POS_A;
pub const POS_SJ: u32 = POS_A;

pub const MAXARG_A: u32 = (1 << SIZE_A) - 1;
pub const MAXARG_B: u32 = (1 << SIZE_B) - 1;
pub const MAXARG_C: u32 = (1 << SIZE_C) - 1;
pub const MAXARG_BX: u32 = (1 << SIZE_BX) - 1;
pub const MAXARG_AX: u32 = (1 << SIZE_AX) - 1;
pub const MAXARG_SJ: u32 = (1 << SIZE_SJ) - 1;
pub const OFFSET_SBX: i32 = (MAXARG_BX >> 1) as i32;
pub const OFFSET_SJ: i32 = (MAXARG_SJ >> 1) as i32;
pub const OFFSET_SC: i32 = (MAXARG_C >> 1) as i32;

/// Number of list items to accumulate before a SETLIST instruction.
pub const LFIELDS_PER_FLUSH: u32 = 50;
/// Maximum number of registers in a Lua function (must fit in 8 bits).
pub const MAXREGS: u32 = 255;

macro_rules! opcodes {
    ($($name:ident = $mode:ident, $doc:literal;)*) => {
        /// One opcode; the discriminant is the value stored in the low 7 bits of an instruction.
        #[repr(u8)]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum OpCode { $(#[doc = $doc] $name,)* }

        /// Every opcode in numeric order.
        pub const ALL_OPCODES: &[OpCode] = &[$(OpCode::$name,)*];

        impl OpCode {
            /// The instruction format of this opcode.
            pub fn mode(self) -> OpMode {
                match self { $(OpCode::$name => OpMode::$mode,)* }
            }
            /// The reference's upper-case name (as in `luac -l` listings), e.g. `"GETFIELD"`.
            pub fn name(self) -> &'static str {
                match self { $(OpCode::$name => stringify!($name),)* }
            }
        }
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpMode {
    ABC,
    ABx,
    AsBx,
    Ax,
    SJ,
}

opcodes! {
    MOVE = ABC, "R[A] := R[B]";
    LOADI = AsBx, "R[A] := sBx";
    LOADF = AsBx, "R[A] := (float)sBx";
    LOADK = ABx, "R[A] := K[Bx]";
    LOADKX = ABx, "R[A] := K[extra arg]";
    LOADFALSE = ABC, "R[A] := false";
    LFALSESKIP = ABC, "R[A] := false; pc++";
    LOADTRUE = ABC, "R[A] := true";
    LOADNIL = ABC, "R[A], R[A+1], ..., R[A+B] := nil";
    GETUPVAL = ABC, "R[A] := UpValue[B]";
    SETUPVAL = ABC, "UpValue[B] := R[A]";
    GETTABUP = ABC, "R[A] := UpValue[B][K[C]:string]";
    GETTABLE = ABC, "R[A] := R[B][R[C]]";
    GETI = ABC, "R[A] := R[B][C]";
    GETFIELD = ABC, "R[A] := R[B][K[C]:string]";
    SETTABUP = ABC, "UpValue[A][K[B]:string] := RK(C)";
    SETTABLE = ABC, "R[A][R[B]] := RK(C)";
    SETI = ABC, "R[A][B] := RK(C)";
    SETFIELD = ABC, "R[A][K[B]:string] := RK(C)";
    NEWTABLE = ABC, "R[A] := {} (B: log2(hash size)+1, C: array size, k: C has an EXTRAARG)";
    SELF = ABC, "R[A+1] := R[B]; R[A] := R[B][RK(C):string]";
    ADDI = ABC, "R[A] := R[B] + sC";
    ADDK = ABC, "R[A] := R[B] + K[C]:number";
    SUBK = ABC, "R[A] := R[B] - K[C]:number";
    MULK = ABC, "R[A] := R[B] * K[C]:number";
    MODK = ABC, "R[A] := R[B] % K[C]:number";
    POWK = ABC, "R[A] := R[B] ^ K[C]:number";
    DIVK = ABC, "R[A] := R[B] / K[C]:number";
    IDIVK = ABC, "R[A] := R[B] // K[C]:number";
    BANDK = ABC, "R[A] := R[B] & K[C]:integer";
    BORK = ABC, "R[A] := R[B] | K[C]:integer";
    BXORK = ABC, "R[A] := R[B] ~ K[C]:integer";
    SHRI = ABC, "R[A] := R[B] >> sC";
    SHLI = ABC, "R[A] := sC << R[B]";
    ADD = ABC, "R[A] := R[B] + R[C]";
    SUB = ABC, "R[A] := R[B] - R[C]";
    MUL = ABC, "R[A] := R[B] * R[C]";
    MOD = ABC, "R[A] := R[B] % R[C]";
    POW = ABC, "R[A] := R[B] ^ R[C]";
    DIV = ABC, "R[A] := R[B] / R[C]";
    IDIV = ABC, "R[A] := R[B] // R[C]";
    BAND = ABC, "R[A] := R[B] & R[C]";
    BOR = ABC, "R[A] := R[B] | R[C]";
    BXOR = ABC, "R[A] := R[B] ~ R[C]";
    SHL = ABC, "R[A] := R[B] << R[C]";
    SHR = ABC, "R[A] := R[B] >> R[C]";
    MMBIN = ABC, "call C metamethod over R[A] and R[B]";
    MMBINI = ABC, "call C metamethod over R[A] and sB (k: flipped)";
    MMBINK = ABC, "call C metamethod over R[A] and K[B] (k: flipped)";
    UNM = ABC, "R[A] := -R[B]";
    BNOT = ABC, "R[A] := ~R[B]";
    NOT = ABC, "R[A] := not R[B]";
    LEN = ABC, "R[A] := #R[B] (length operator)";
    CONCAT = ABC, "R[A] := R[A].. ... ..R[A + B - 1]";
    CLOSE = ABC, "close all upvalues >= R[A]";
    TBC = ABC, "mark variable A \"to be closed\"";
    JMP = SJ, "pc += sJ";
    EQ = ABC, "if ((R[A] == R[B]) ~= k) then pc++";
    LT = ABC, "if ((R[A] <  R[B]) ~= k) then pc++";
    LE = ABC, "if ((R[A] <= R[B]) ~= k) then pc++";
    EQK = ABC, "if ((R[A] == K[B]) ~= k) then pc++";
    EQI = ABC, "if ((R[A] == sB) ~= k) then pc++ (C: isfloat)";
    LTI = ABC, "if ((R[A] < sB) ~= k) then pc++ (C: isfloat)";
    LEI = ABC, "if ((R[A] <= sB) ~= k) then pc++ (C: isfloat)";
    GTI = ABC, "if ((R[A] > sB) ~= k) then pc++ (C: isfloat)";
    GEI = ABC, "if ((R[A] >= sB) ~= k) then pc++ (C: isfloat)";
    TEST = ABC, "if (not R[A] == k) then pc++";
    TESTSET = ABC, "if (not R[B] == k) then pc++ else R[A] := R[B]";
    CALL = ABC, "R[A], ... ,R[A+C-2] := R[A](R[A+1], ... ,R[A+B-1])";
    TAILCALL = ABC, "return R[A](R[A+1], ... ,R[A+B-1]) (k: close upvalues; C: nparams+1 if vararg)";
    RETURN = ABC, "return R[A], ... ,R[A+B-2] (k: close upvalues; C: nparams+1 if vararg)";
    RETURN0 = ABC, "return";
    RETURN1 = ABC, "return R[A]";
    FORLOOP = ABx, "update counters; if loop continues then pc-=Bx;";
    FORPREP = ABx, "<check values and prepare counters>; if not to run then pc+=Bx+1;";
    TFORPREP = ABx, "create upvalue for R[A + 3]; pc+=Bx";
    TFORCALL = ABC, "R[A+4], ... ,R[A+3+C] := R[A](R[A+1], R[A+2]);";
    TFORLOOP = ABx, "if R[A+2] ~= nil then { R[A]=R[A+2]; pc -= Bx }";
    SETLIST = ABC, "R[A][C+i] := R[A+i], 1 <= i <= B (k: C has an EXTRAARG)";
    CLOSURE = ABx, "R[A] := closure(KPROTO[Bx])";
    VARARG = ABC, "R[A], R[A+1], ..., R[A+C-2] = vararg";
    VARARGPREP = ABC, "(adjust vararg parameters; A: number of fixed parameters)";
    EXTRAARG = Ax, "extra (larger) argument for previous opcode";
}

pub const NUM_OPCODES: usize = ALL_OPCODES.len();

impl OpCode {
    /// Decodes the opcode field; `None` for a value past the last opcode (only possible in corrupt code).
    #[inline]
    pub fn from_u8(b: u8) -> Option<OpCode> {
        ALL_OPCODES.get(b as usize).copied()
    }
}

#[inline(always)]
pub fn get_op_raw(i: Instruction) -> u8 {
    (i & ((1 << SIZE_OP) - 1)) as u8
}
#[inline(always)]
pub fn get_a(i: Instruction) -> u32 {
    (i >> POS_A) & MAXARG_A
}
#[inline(always)]
pub fn get_b(i: Instruction) -> u32 {
    (i >> POS_B) & MAXARG_B
}
#[inline(always)]
pub fn get_c(i: Instruction) -> u32 {
    (i >> POS_C) & MAXARG_C
}
#[inline(always)]
pub fn get_sb(i: Instruction) -> i32 {
    get_b(i) as i32 - OFFSET_SC
}
#[inline(always)]
pub fn get_sc(i: Instruction) -> i32 {
    get_c(i) as i32 - OFFSET_SC
}
#[inline(always)]
pub fn get_k(i: Instruction) -> bool {
    (i >> POS_K) & 1 != 0
}
#[inline(always)]
pub fn get_bx(i: Instruction) -> u32 {
    i >> POS_BX
}
#[inline(always)]
pub fn get_sbx(i: Instruction) -> i32 {
    get_bx(i) as i32 - OFFSET_SBX
}
#[inline(always)]
pub fn get_ax(i: Instruction) -> u32 {
    i >> POS_AX
}
#[inline(always)]
pub fn get_sj(i: Instruction) -> i32 {
    (i >> POS_SJ) as i32 - OFFSET_SJ
}

pub fn create_abck(o: OpCode, a: u32, b: u32, c: u32, k: bool) -> Instruction {
    (o as u32) | (a << POS_A) | (b << POS_B) | (c << POS_C) | ((k as u32) << POS_K)
}
pub fn create_abx(o: OpCode, a: u32, bx: u32) -> Instruction {
    (o as u32) | (a << POS_A) | (bx << POS_BX)
}
pub fn create_asbx(o: OpCode, a: u32, sbx: i32) -> Instruction {
    create_abx(o, a, (sbx + OFFSET_SBX) as u32)
}
pub fn create_ax(o: OpCode, ax: u32) -> Instruction {
    (o as u32) | (ax << POS_AX)
}
pub fn create_sj(o: OpCode, sj: i32, k: bool) -> Instruction {
    (o as u32) | (((sj + OFFSET_SJ) as u32) << POS_SJ) | ((k as u32) << POS_K)
}

pub fn set_a(i: &mut Instruction, a: u32) {
    *i = (*i & !(MAXARG_A << POS_A)) | (a << POS_A);
}
pub fn set_b(i: &mut Instruction, b: u32) {
    *i = (*i & !(MAXARG_B << POS_B)) | (b << POS_B);
}
pub fn set_c(i: &mut Instruction, c: u32) {
    *i = (*i & !(MAXARG_C << POS_C)) | (c << POS_C);
}
pub fn set_k(i: &mut Instruction, k: bool) {
    *i = (*i & !(1 << POS_K)) | ((k as u32) << POS_K);
}
pub fn set_bx(i: &mut Instruction, bx: u32) {
    *i = (*i & !(MAXARG_BX << POS_BX)) | (bx << POS_BX);
}
pub fn set_sbx(i: &mut Instruction, sbx: i32) {
    set_bx(i, (sbx + OFFSET_SBX) as u32);
}
pub fn set_sj(i: &mut Instruction, sj: i32) {
    *i = (*i & !(MAXARG_SJ << POS_SJ)) | (((sj + OFFSET_SJ) as u32) << POS_SJ);
}
pub fn set_opcode(i: &mut Instruction, o: OpCode) {
    *i = (*i & !((1 << SIZE_OP) - 1)) | o as u32;
}

/// Decodes the opcode of a well-formed instruction (the compiler and the loader's verifier guarantee it).
#[inline(always)]
pub fn get_opcode(i: Instruction) -> OpCode {
    match OpCode::from_u8(get_op_raw(i)) {
        Some(o) => o,
        None => OpCode::EXTRAARG,
    }
}

/// True for instructions that test a condition and are followed by a jump.
pub fn is_test_mode(o: OpCode) -> bool {
    use OpCode::*;
    matches!(
        o,
        EQ | LT | LE | EQK | EQI | LTI | LEI | GTI | GEI | TEST | TESTSET
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_and_decodes_every_field() {
        let i = create_abck(OpCode::GETFIELD, 200, 17, 255, true);
        assert_eq!(get_opcode(i), OpCode::GETFIELD);
        assert_eq!(
            (get_a(i), get_b(i), get_c(i), get_k(i)),
            (200, 17, 255, true)
        );
        let j = create_asbx(OpCode::LOADI, 3, -65535);
        assert_eq!(get_sbx(j), -65535);
        let s = create_sj(OpCode::JMP, -(1 << 24) + 1, false);
        assert_eq!(get_sj(s), -(1 << 24) + 1);
        let mut m = create_abck(OpCode::ADDI, 1, 2, (5 + OFFSET_SC) as u32, false);
        assert_eq!(get_sc(m), 5);
        set_c(&mut m, 0);
        assert_eq!(get_sc(m), -127);
    }

    #[test]
    fn opcode_numbers_match_the_reference_order() {
        assert_eq!(OpCode::MOVE as u8, 0);
        assert_eq!(OpCode::EXTRAARG as u8, 82);
        assert_eq!(NUM_OPCODES, 83);
        assert_eq!(OpCode::from_u8(83), None);
    }
}
