//! Attribute parsing: the arguments of `#[lua_function(...)]` and the `#[lua(...)]` attributes of
//! `#[derive(LuaTable)]` fields and variants. Attribute names are the constants below; unknown keys,
//! duplicates and malformed values are reported at their span.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::parse::Parser;
use syn::{Attribute, LitStr};

use super::ctxt::Ctxt;

/// `#[lua(...)]` on fields and variants.
pub const LUA: &str = "lua";
/// `name = "..."` of `#[lua_function]`.
pub const NAME: &str = "name";
/// `rename = "..."`: the field's (or variant's) name on the Lua side.
pub const RENAME: &str = "rename";
/// `skip`: not written to the table; `Default::default()` when read.
pub const SKIP: &str = "skip";
/// `default` or `default = "path"`: the value used when the field is nil or missing.
pub const DEFAULT: &str = "default";

/// A value given in an attribute, with where it was written.
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// Whether `s` is a Lua name (letters, digits and underscores, not starting with a digit).
pub fn is_lua_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn string_value(cx: &Ctxt, meta: &ParseNestedMeta, key: &str) -> Option<LitStr> {
    let value = match meta.value() {
        Ok(v) => v,
        Err(_) => {
            cx.error_spanned_by(&meta.path, format!("expected `{key} = \"...\"`"));
            return None;
        }
    };
    match value.parse::<LitStr>() {
        Ok(s) => Some(s),
        Err(e) => {
            cx.syn_error(syn::Error::new(
                e.span(),
                format!("expected a string literal for `{key}`, as in `{key} = \"...\"`"),
            ));
            None
        }
    }
}

fn set_once<T>(
    cx: &Ctxt,
    slot: &mut Option<Spanned<T>>,
    value: T,
    meta: &ParseNestedMeta,
    key: &str,
) {
    if slot.is_some() {
        cx.error_spanned_by(&meta.path, format!("duplicate `{key}` attribute"));
        return;
    }
    *slot = Some(Spanned {
        value,
        span: meta.path.segments[0].ident.span(),
    });
}

/// The arguments of `#[lua_function(...)]`.
#[derive(Default)]
pub struct FnAttrs {
    pub name: Option<Spanned<String>>,
}

impl FnAttrs {
    pub fn parse(cx: &Ctxt, args: TokenStream) -> FnAttrs {
        let mut out = FnAttrs::default();
        let parser = syn::meta::parser(|meta| {
            if meta.path.is_ident(NAME) {
                if let Some(s) = string_value(cx, &meta, NAME) {
                    let v = s.value();
                    if !is_lua_name(&v) {
                        cx.error_spanned_by(&s, format!("`name` must be a Lua name (letters, digits and `_`, not starting with a digit), not {:?}", v));
                    }
                    set_once(cx, &mut out.name, v, &meta, NAME);
                }
                Ok(())
            } else {
                let key = meta
                    .path
                    .get_ident()
                    .map(|i| i.to_string())
                    .unwrap_or_default();
                cx.error_spanned_by(
                    &meta.path,
                    format!("unknown #[lua_function] attribute `{key}`; the only one is `name = \"...\"`"),
                );
                skip_value(&meta);
                Ok(())
            }
        });
        if let Err(e) = parser.parse2(args) {
            cx.syn_error(e);
        }
        out
    }
}

/// Consumes `= value` or `(...)` after an unknown key so parsing can go on.
fn skip_value(meta: &ParseNestedMeta) {
    if let Ok(v) = meta.value() {
        let _ = v.parse::<syn::Expr>();
    } else {
        let _ = meta.parse_nested_meta(|_| Ok(()));
    }
}

/// `#[lua(...)]` on a field.
#[derive(Default)]
pub struct FieldAttrs {
    pub rename: Option<Spanned<String>>,
    pub skip: Option<Spanned<()>>,
    /// `Some(None)` for `default`, `Some(Some(path))` for `default = "path"`.
    pub default: Option<Spanned<Option<syn::ExprPath>>>,
}

/// `#[lua(...)]` on an enum variant.
#[derive(Default)]
pub struct VariantAttrs {
    pub rename: Option<Spanned<String>>,
}

fn lua_attrs(attrs: &[Attribute]) -> impl Iterator<Item = &Attribute> {
    attrs.iter().filter(|a| a.path().is_ident(LUA))
}

fn parse_rename(cx: &Ctxt, meta: &ParseNestedMeta, slot: &mut Option<Spanned<String>>) {
    if let Some(s) = string_value(cx, meta, RENAME) {
        if s.value().is_empty() {
            cx.error_spanned_by(&s, "`rename` needs a non-empty name");
        }
        set_once(cx, slot, s.value(), meta, RENAME);
    }
}

impl FieldAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> FieldAttrs {
        let mut out = FieldAttrs::default();
        for attr in lua_attrs(attrs) {
            let r = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident(RENAME) {
                    parse_rename(cx, &meta, &mut out.rename);
                } else if meta.path.is_ident(SKIP) {
                    set_once(cx, &mut out.skip, (), &meta, SKIP);
                } else if meta.path.is_ident(DEFAULT) {
                    let path = if meta.input.peek(syn::Token![=]) {
                        string_value(cx, &meta, DEFAULT).and_then(|s| match s.parse::<syn::ExprPath>() {
                            Ok(p) => Some(p),
                            Err(_) => {
                                cx.error_spanned_by(&s, "`default = \"...\"` takes the path of a function");
                                None
                            }
                        })
                    } else {
                        None
                    };
                    set_once(cx, &mut out.default, path, &meta, DEFAULT);
                } else {
                    let key = meta.path.get_ident().map(|i| i.to_string()).unwrap_or_default();
                    cx.error_spanned_by(
                        &meta.path,
                        format!("unknown #[lua] field attribute `{key}`; expected `rename`, `skip` or `default`"),
                    );
                    skip_value(&meta);
                }
                Ok(())
            });
            if let Err(e) = r {
                cx.syn_error(e);
            }
        }
        out
    }
}

impl VariantAttrs {
    pub fn parse(cx: &Ctxt, attrs: &[Attribute]) -> VariantAttrs {
        let mut out = VariantAttrs::default();
        for attr in lua_attrs(attrs) {
            let r = attr.parse_nested_meta(|meta| {
                if meta.path.is_ident(RENAME) {
                    parse_rename(cx, &meta, &mut out.rename);
                } else {
                    let key = meta
                        .path
                        .get_ident()
                        .map(|i| i.to_string())
                        .unwrap_or_default();
                    cx.error_spanned_by(
                        &meta.path,
                        format!("unknown #[lua] variant attribute `{key}`; expected `rename`"),
                    );
                    skip_value(&meta);
                }
                Ok(())
            });
            if let Err(e) = r {
                cx.syn_error(e);
            }
        }
        out
    }
}

/// Reports `#[lua(...)]` where none is understood (on the container).
pub fn reject_container_attrs(cx: &Ctxt, attrs: &[Attribute]) {
    for a in lua_attrs(attrs) {
        cx.error_spanned_by(
            a,
            "#[lua(...)] goes on fields and variants, not on the type",
        );
    }
}
