//! Code generation for `#[derive(LuaTable)]`: a struct with named fields becomes a table created with
//! room for its fields and one raw store per field, keyed by the field names' strings (interned once
//! per VM and cached), and is read back field by field (raw reads; errors name the field path); a tuple struct is a sequence; an enum of unit variants is a
//! string. Everything is generated inside `const _: () = { ... };` with fully qualified paths.

use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DataEnum, DeriveInput, Fields, GenericParam};

use crate::internals::attr::{reject_container_attrs, FieldAttrs, VariantAttrs};
use crate::internals::check::{check_field_attrs, check_unique_names, lua_name};
use crate::internals::ctxt::Ctxt;

/// One field as the generator sees it.
struct Field<'a> {
    member: syn::Member,
    ty: &'a syn::Type,
    lua_name: String,
    attrs: FieldAttrs,
}

pub fn expand(input: DeriveInput) -> TokenStream {
    let cx = Ctxt::new();
    reject_container_attrs(&cx, &input.attrs);
    let body = match &input.data {
        Data::Struct(s) => {
            let fields = read_fields(&cx, &s.fields);
            Body::Struct(fields, matches!(s.fields, Fields::Unnamed(_)))
        }
        Data::Enum(e) => Body::Enum(read_variants(&cx, e)),
        Data::Union(u) => {
            cx.error_spanned_by(
                u.union_token,
                "#[derive(LuaTable)] does not support unions: a Lua table needs to know which field is set",
            );
            Body::Enum(Vec::new())
        }
    };
    if let Err(errors) = cx.check() {
        return errors;
    }
    let wrap = |(into, from): (TokenStream, TokenStream)| {
        let from = quote! {
            fn from_stack(
                st: &mut ::lua_bind::__private::State,
                idx: i32,
            ) -> ::lua_bind::Result<Self> {
                #from
            }
        };
        (into, from, quote! {})
    };
    let (into_body, from_fns, items) = match &body {
        Body::Struct(fields, true) => wrap(sequence_code(fields)),
        Body::Struct(fields, false) => table_code(fields),
        Body::Enum(variants) => wrap(enum_code(variants)),
    };
    let ident = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let (into_where, from_where) = bounds(&input, &body);
    let _ = where_clause;
    quote! {
        const _: () = {
            #items

            #[automatically_derived]
            impl #impl_generics ::lua_bind::IntoLua for #ident #ty_generics #into_where {
                fn push_into(
                    self,
                    st: &mut ::lua_bind::__private::State,
                ) -> ::lua_bind::Result<()> {
                    #into_body
                }
            }

            #[automatically_derived]
            impl #impl_generics ::lua_bind::FromLua for #ident #ty_generics #from_where {
                #from_fns
            }
        };
    }
}

enum Body<'a> {
    /// Fields, and whether it is a tuple struct.
    Struct(Vec<Field<'a>>, bool),
    Enum(Vec<(syn::Ident, String)>),
}

fn read_fields<'a>(cx: &Ctxt, fields: &'a Fields) -> Vec<Field<'a>> {
    let is_tuple = matches!(fields, Fields::Unnamed(_));
    let mut out = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let attrs = FieldAttrs::parse(cx, &f.attrs);
        check_field_attrs(cx, &attrs, is_tuple);
        let (member, lua_name) = match &f.ident {
            Some(id) => (
                syn::Member::Named(id.clone()),
                lua_name(&attrs.rename, id).0,
            ),
            None => (syn::Member::Unnamed(i.into()), (i + 1).to_string()),
        };
        out.push(Field {
            member,
            ty: &f.ty,
            lua_name,
            attrs,
        });
    }
    if !is_tuple {
        let names: Vec<_> = fields
            .iter()
            .zip(&out)
            .filter(|(_, f)| f.attrs.skip.is_none())
            .map(|(sf, f)| {
                let id = sf.ident.as_ref().expect("named field");
                let (n, span) = lua_name(&f.attrs.rename, id);
                (n, span, id.to_string())
            })
            .collect();
        check_unique_names(cx, &names, "field");
    }
    out
}

fn read_variants(cx: &Ctxt, e: &DataEnum) -> Vec<(syn::Ident, String)> {
    if e.variants.is_empty() {
        cx.error_spanned_by(
            e.enum_token,
            "#[derive(LuaTable)] needs at least one variant",
        );
    }
    let mut out = Vec::new();
    let mut names = Vec::new();
    for v in &e.variants {
        if !matches!(v.fields, Fields::Unit) {
            cx.error_spanned_by(
                v,
                format!(
                    "#[derive(LuaTable)] supports enums whose variants are all units (converted to strings); variant `{}` has data",
                    v.ident
                ),
            );
            continue;
        }
        let attrs = VariantAttrs::parse(cx, &v.attrs);
        let (n, span) = lua_name(&attrs.rename, &v.ident);
        names.push((n.clone(), span, v.ident.to_string()));
        out.push((v.ident.clone(), n));
    }
    check_unique_names(cx, &names, "variant");
    out
}

/// Where clauses: with type parameters, every converted field type must convert.
fn bounds(input: &DeriveInput, body: &Body) -> (TokenStream, TokenStream) {
    let base = input.generics.where_clause.as_ref().map(|w| &w.predicates);
    let generic = input
        .generics
        .params
        .iter()
        .any(|p| matches!(p, GenericParam::Type(_)));
    let tys: Vec<&syn::Type> = match body {
        Body::Struct(fields, _) if generic => fields
            .iter()
            .filter(|f| f.attrs.skip.is_none())
            .map(|f| f.ty)
            .collect(),
        _ => Vec::new(),
    };
    let skipped: Vec<&syn::Type> = match body {
        Body::Struct(fields, _) if generic => fields
            .iter()
            .filter(|f| f.attrs.skip.is_some())
            .map(|f| f.ty)
            .collect(),
        _ => Vec::new(),
    };
    let base = base.into_iter();
    let base2 = base.clone();
    (
        quote! { where #(#base,)* #(#tys: ::lua_bind::IntoLua,)* },
        quote! { where #(#base2,)* #(#tys: ::lua_bind::FromLua,)* #(#skipped: ::core::default::Default,)* },
    )
}

/// The code of a struct with named fields: `(into_body, from_body, items)`, where `items` go next to
/// the impls (the static field names with the number under which each VM caches their strings).
fn table_code(fields: &[Field]) -> (TokenStream, TokenStream, TokenStream) {
    let written: Vec<&Field> = fields.iter().filter(|f| f.attrs.skip.is_none()).collect();
    let n = written.len();
    let names: Vec<&String> = written.iter().map(|f| &f.lua_name).collect();
    // No cache for a record without fields (nothing to look up).
    let (items, keys) = if n == 0 {
        (quote! {}, quote! {})
    } else {
        (
            quote! {
                static __LUA_FIELD_NAMES: ::lua_bind::__private::RecordNames<#n> =
                    ::lua_bind::__private::RecordNames::new([#(#names),*]);
            },
            quote! {
                let __keys = ::lua_bind::__private::record_keys(st, &__LUA_FIELD_NAMES)?;
            },
        )
    };
    let sets = written.iter().enumerate().map(|(k, f)| {
        let (m, ty) = (&f.member, f.ty);
        quote_spanned! {ty.span()=>
            ::lua_bind::__private::set_field::<#ty>(st, __t, __keys[#k], self.#m)?;
        }
    });
    let into = quote! {
        #keys
        let __t = ::lua_bind::__private::new_record(st, #n)?;
        let _ = __t;
        #(#sets)*
        ::core::result::Result::Ok(())
    };
    let mut k = 0usize;
    let inits: Vec<TokenStream> = fields
        .iter()
        .map(|f| {
            let (m, ty, name) = (&f.member, f.ty, &f.lua_name);
            if f.attrs.skip.is_some() {
                return quote_spanned! {ty.span()=> #m: ::core::default::Default::default(), };
            }
            let key = k;
            k += 1;
            match &f.attrs.default {
                None => quote_spanned! {ty.span()=>
                    #m: ::lua_bind::__private::get_field::<#ty>(st, __t, __keys[#key], #name)?,
                },
                Some(d) => {
                    let default = match &d.value {
                        Some(path) => quote!(#path),
                        None => quote!(::core::default::Default::default),
                    };
                    quote_spanned! {ty.span()=>
                        #m: ::lua_bind::__private::get_field_or::<#ty>(
                            st, __t, __keys[#key], #name, #default,
                        )?,
                    }
                }
            }
        })
        .collect();
    let read = quote! {
        let _ = __t;
        #keys
        ::core::result::Result::Ok(Self { #(#inits)* })
    };
    let from = quote! {
        fn from_stack(
            st: &mut ::lua_bind::__private::State,
            idx: i32,
        ) -> ::lua_bind::Result<Self> {
            let __t = ::lua_bind::__private::record_at(st, idx)?;
            #read
        }

        #[inline]
        fn from_arg(
            st: &mut ::lua_bind::__private::State,
            idx: i32,
            v: ::lua_bind::__private::RawValue,
        ) -> ::lua_bind::Result<Self> {
            let __t = match v {
                ::lua_bind::__private::RawValue::Table(t) => t,
                _ => return <Self as ::lua_bind::FromLua>::from_stack(st, idx),
            };
            #read
        }

        #[inline]
        fn from_raw(
            st: &mut ::lua_bind::__private::State,
            v: ::lua_bind::__private::RawValue,
        ) -> ::lua_bind::Result<Self> {
            let __t = match v {
                ::lua_bind::__private::RawValue::Table(t) => t,
                _ => return ::lua_bind::__private::via_stack::<Self>(st, v),
            };
            #read
        }
    };
    (into, from, items)
}

fn sequence_code(fields: &[Field]) -> (TokenStream, TokenStream) {
    let written: Vec<&Field> = fields.iter().filter(|f| f.attrs.skip.is_none()).collect();
    let n = written.len();
    let sets = written.iter().enumerate().map(|(i, f)| {
        let (m, ty) = (&f.member, f.ty);
        let i = i as i64 + 1;
        quote_spanned! {ty.span()=>
            ::lua_bind::__private::set_index::<#ty>(st, #i, self.#m)?;
        }
    });
    let into = quote! {
        ::lua_bind::__private::new_table(st, #n, 0)?;
        #(#sets)*
        ::core::result::Result::Ok(())
    };
    let mut i = 0i64;
    let inits = fields.iter().map(|f| {
        let (m, ty) = (&f.member, f.ty);
        if f.attrs.skip.is_some() {
            return quote_spanned! {ty.span()=> #m: ::core::default::Default::default(), };
        }
        i += 1;
        match &f.attrs.default {
            None => quote_spanned! {ty.span()=>
                #m: ::lua_bind::__private::get_index::<#ty>(st, idx, #i)?,
            },
            Some(d) => {
                let default = match &d.value {
                    Some(path) => quote!(#path),
                    None => quote!(::core::default::Default::default),
                };
                quote_spanned! {ty.span()=>
                    #m: ::lua_bind::__private::get_index::<::core::option::Option<#ty>>(st, idx, #i)?
                        .unwrap_or_else(#default),
                }
            }
        }
    });
    let inits: Vec<_> = inits.collect();
    let from = quote! {
        let idx = ::lua_bind::__private::table_at(st, idx)?;
        ::core::result::Result::Ok(Self { #(#inits)* })
    };
    (into, from)
}

fn enum_code(variants: &[(syn::Ident, String)]) -> (TokenStream, TokenStream) {
    let arms = variants.iter().map(|(v, n)| quote! { Self::#v => #n, });
    let into = quote! {
        let name: &str = match self { #(#arms)* };
        ::lua_bind::__private::push_name(st, name)
    };
    let names = variants.iter().map(|(_, n)| n);
    let from_arms = variants
        .iter()
        .enumerate()
        .map(|(i, (v, _))| quote! { #i => Self::#v, });
    let from = quote! {
        const NAMES: &[&str] = &[#(#names),*];
        ::core::result::Result::Ok(match ::lua_bind::__private::check_name(st, idx, NAMES)? {
            #(#from_arms)*
            _ => ::core::unreachable!(),
        })
    };
    (into, from)
}
