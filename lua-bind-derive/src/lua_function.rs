//! Code generation for `#[lua_function]`: the function is kept as written, and a same-named hidden
//! struct (type namespace only, so it does not clash with the function) carries `FN`, the
//! `lua_bind::LuaFn`, and the native wrapper: check and convert each argument by index (with the
//! reference's bad-argument messages), call, push the results, return their count; a panic becomes a
//! Lua error.

use proc_macro2::TokenStream;
use quote::{format_ident, quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{ItemFn, ReturnType};

use crate::internals::attr::FnAttrs;
use crate::internals::check::{check_signature, Param};
use crate::internals::ctxt::Ctxt;

pub fn expand(args: TokenStream, item: ItemFn) -> TokenStream {
    let cx = Ctxt::new();
    let attrs = FnAttrs::parse(&cx, args);
    let params = check_signature(&cx, &item.sig);
    let ident = &item.sig.ident;
    let vis = &item.vis;
    if let Err(errors) = cx.check() {
        // The function and a stand-in binding are still emitted, so their uses add no errors of
        // their own (not for a method: its stand-in could not sit inside the `impl`).
        if item.sig.receiver().is_some() {
            return quote! { #item #errors };
        }
        let name = ident.to_string();
        return quote! {
            #item
            #errors
            #[doc(hidden)]
            #[allow(non_camel_case_types, dead_code)]
            #vis struct #ident {}
            #[allow(dead_code)]
            impl #ident {
                pub const FN: ::lua_bind::LuaFn =
                    ::lua_bind::LuaFn::new(#name, ::lua_bind::__private::unbound);
            }
        };
    }
    let name = attrs
        .name
        .map(|n| n.value)
        .unwrap_or_else(|| ident.to_string());
    let (lets, call_args) = conversions(&params);
    let ret_ty = match &item.sig.output {
        ReturnType::Default => quote!(()),
        ReturnType::Type(_, ty) => quote!(#ty),
    };
    let ret_span = match &item.sig.output {
        ReturnType::Default => ident.span(),
        ReturnType::Type(_, ty) => ty.span(),
    };
    let ret = quote_spanned! {ret_span=>
        ::lua_bind::__private::ret::<#ret_ty>(st, __result)
    };
    let doc = format!("The Lua binding of [`{ident}`], named `{name}` in Lua's messages.");
    quote! {
        #item

        #[doc(hidden)]
        #[allow(non_camel_case_types, dead_code)]
        #vis struct #ident {}

        #[automatically_derived]
        #[allow(dead_code)]
        impl #ident {
            #[doc = #doc]
            pub const FN: ::lua_bind::LuaFn = ::lua_bind::LuaFn::new(#name, #ident::__lua_native);

            #[doc(hidden)]
            pub fn __lua_native(
                st: &mut ::lua_bind::__private::State,
            ) -> ::lua_bind::__private::LuaResult<usize> {
                const NAME: &str = #name;
                ::lua_bind::__private::guard(st, NAME, |st| {
                    #(#lets)*
                    let __result = #ident(#(#call_args),*);
                    #ret
                })
            }
        }
    }
}

/// One `let` per parameter (converting argument `n`, or fetching the context) and the call arguments.
fn conversions(params: &[Param]) -> (Vec<TokenStream>, Vec<TokenStream>) {
    let mut lets = Vec::new();
    let mut args = Vec::new();
    let mut index = 0i32;
    for (i, p) in params.iter().enumerate() {
        let var = format_ident!("__arg{}", i);
        match p {
            Param::Context => {
                lets.push(quote! { let #var = ::lua_bind::__private::context(st)?; });
                args.push(quote!(&#var));
            }
            Param::Arg(ty) => {
                index += 1;
                lets.push(quote_spanned! {ty.span()=>
                    let #var: #ty = ::lua_bind::__private::arg::<#ty>(st, #index, NAME)?;
                });
                args.push(quote!(#var));
            }
            Param::Rest(ty) => {
                index += 1;
                lets.push(quote_spanned! {ty.span()=>
                    let #var: #ty = ::lua_bind::__private::variadic(st, #index, NAME)?;
                });
                args.push(quote!(#var));
            }
        }
    }
    (lets, args)
}
