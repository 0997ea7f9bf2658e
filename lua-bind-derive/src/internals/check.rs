//! Checks that look at more than one attribute or item: the signature a `#[lua_function]` can wrap,
//! attribute combinations on a field, and Lua names used twice in one type.

use std::collections::HashMap;

use proc_macro2::Span;
use syn::{FnArg, GenericArgument, PathArguments, ReturnType, Signature, Type};

use super::attr::{FieldAttrs, Spanned};
use super::ctxt::Ctxt;

/// How one parameter of a bound function gets its value.
pub enum Param {
    /// The leading `&Lua` context.
    Context,
    /// Argument `n` converted with `FromLua` (optional when the type is `Option<T>`).
    Arg(Type),
    /// The remaining arguments (`Variadic<T>`, last).
    Rest(Type),
}

/// The last path segment's name of a type (`Variadic` for `lua_bind::Variadic<T>`).
fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(p) if p.qself.is_none() => p.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(g) => last_segment(&g.elem),
        Type::Paren(p) => last_segment(&p.elem),
        _ => None,
    }
}

/// Whether the type mentions a lifetime (`Cow<'a, str>`, `Foo<'_>`).
fn has_lifetime(ty: &Type) -> bool {
    match ty {
        Type::Reference(_) => true,
        Type::Path(p) => p.path.segments.iter().any(|s| match &s.arguments {
            PathArguments::AngleBracketed(a) => a.args.iter().any(|g| match g {
                GenericArgument::Lifetime(_) => true,
                GenericArgument::Type(t) => has_lifetime(t),
                _ => false,
            }),
            _ => false,
        }),
        Type::Tuple(t) => t.elems.iter().any(has_lifetime),
        Type::Group(g) => has_lifetime(&g.elem),
        Type::Paren(p) => has_lifetime(&p.elem),
        _ => false,
    }
}

/// Checks that the signature can be bound and classifies its parameters.
pub fn check_signature(cx: &Ctxt, sig: &Signature) -> Vec<Param> {
    const WHAT: &str = "#[lua_function]";
    if let Some(a) = &sig.asyncness {
        cx.error_spanned_by(
            a,
            format!("{WHAT} cannot bind an `async fn`: Lua calls it synchronously"),
        );
    }
    if let Some(u) = &sig.unsafety {
        cx.error_spanned_by(u, format!("{WHAT} cannot bind an `unsafe fn`"));
    }
    if let Some(v) = &sig.variadic {
        cx.error_spanned_by(
            v,
            format!(
                "{WHAT} cannot bind a C-variadic function; take a `Variadic<T>` last parameter"
            ),
        );
    }
    if !sig.generics.params.is_empty() || sig.generics.where_clause.is_some() {
        cx.error_spanned_by(
            &sig.generics,
            format!("{WHAT} cannot bind a generic function: Lua needs one concrete native function; write a non-generic wrapper"),
        );
    }
    let n = sig.inputs.len();
    let mut params = Vec::with_capacity(n);
    for (i, input) in sig.inputs.iter().enumerate() {
        let ty = match input {
            FnArg::Receiver(r) => {
                cx.error_spanned_by(
                    r,
                    format!("{WHAT} binds free functions only, not methods with a `self` receiver"),
                );
                continue;
            }
            FnArg::Typed(pt) => &*pt.ty,
        };
        params.push(check_param(cx, ty, i, n));
    }
    check_return(cx, &sig.output);
    params
}

fn check_param(cx: &Ctxt, ty: &Type, i: usize, n: usize) -> Param {
    match ty {
        Type::Reference(r) => {
            if r.mutability.is_some() {
                cx.error_spanned_by(ty, "`&mut` parameters are not supported by #[lua_function]: arguments are converted to owned values; take the value (`T`) and return the new one");
            } else if matches!(&*r.elem, Type::Slice(_)) {
                cx.error_spanned_by(ty, "slice parameters are not supported by #[lua_function]: take a `Vec<T>` (read from a Lua sequence)");
            } else if last_segment(&r.elem).as_deref() == Some("Lua") {
                if i != 0 {
                    cx.error_spanned_by(ty, "the `&Lua` context must be the first parameter");
                }
                return Param::Context;
            } else {
                cx.error_spanned_by(ty, "borrowed parameters are not supported by #[lua_function] (only a leading `&Lua`): take an owned type such as `String` or `Vec<T>`");
            }
            Param::Arg(ty.clone())
        }
        Type::ImplTrait(_) => {
            cx.error_spanned_by(
                ty,
                "`impl Trait` parameters are not supported by #[lua_function]: use a concrete type",
            );
            Param::Arg(ty.clone())
        }
        _ if last_segment(ty).as_deref() == Some("Variadic") => {
            if i + 1 != n {
                cx.error_spanned_by(ty, "a `Variadic<T>` parameter takes the rest of the arguments: it must be the last parameter");
            }
            Param::Rest(ty.clone())
        }
        _ => {
            if has_lifetime(ty) {
                cx.error_spanned_by(
                    ty,
                    "borrowed parameters are not supported by #[lua_function]: take an owned type",
                );
            }
            Param::Arg(ty.clone())
        }
    }
}

fn check_return(cx: &Ctxt, out: &ReturnType) {
    let ReturnType::Type(_, ty) = out else { return };
    match &**ty {
        Type::Reference(_) => cx.error_spanned_by(
            ty,
            "borrowed return types are not supported by #[lua_function]: the value is copied into Lua, return an owned type (`String`, `Vec<T>`, ...)",
        ),
        Type::ImplTrait(_) => cx.error_spanned_by(
            ty,
            "`impl Trait` return types are not supported by #[lua_function]: return a concrete type",
        ),
        t if has_lifetime(t) => cx.error_spanned_by(
            ty,
            "borrowed return types are not supported by #[lua_function]: return an owned type",
        ),
        _ => {}
    }
}

/// Checks the attribute combinations of one field.
pub fn check_field_attrs(cx: &Ctxt, attrs: &FieldAttrs, is_tuple: bool) {
    if let (Some(skip), Some(_)) = (&attrs.skip, &attrs.rename) {
        cx.syn_error(syn::Error::new(
            skip.span,
            "`skip` and `rename` together: a skipped field has no Lua name",
        ));
    }
    if let (Some(skip), Some(_)) = (&attrs.skip, &attrs.default) {
        cx.syn_error(syn::Error::new(
            skip.span,
            "`skip` and `default` together: a skipped field is always `Default::default()`",
        ));
    }
    if let (true, Some(r)) = (is_tuple, &attrs.rename) {
        cx.syn_error(syn::Error::new(
            r.span,
            "`rename` has no meaning on a tuple struct field (it is a sequence item)",
        ));
    }
}

/// Reports a Lua name given to two fields (or variants) of one type.
pub fn check_unique_names(cx: &Ctxt, names: &[(String, Span, String)], what: &str) {
    let mut seen: HashMap<&str, &str> = HashMap::new();
    for (lua_name, span, rust_name) in names {
        if let Some(first) = seen.get(lua_name.as_str()) {
            cx.syn_error(syn::Error::new(
                *span,
                format!(
                    "two {what}s have the Lua name \"{lua_name}\": `{first}` and `{rust_name}`"
                ),
            ));
        } else {
            seen.insert(lua_name, rust_name);
        }
    }
}

/// The name a field or variant has on the Lua side, and where to point at it.
pub fn lua_name(rename: &Option<Spanned<String>>, ident: &syn::Ident) -> (String, Span) {
    match rename {
        Some(r) => (r.value.clone(), r.span),
        None => (ident.to_string(), ident.span()),
    }
}
