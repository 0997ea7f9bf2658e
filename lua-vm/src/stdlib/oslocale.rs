//! `os.setlocale`: a model of glibc's `setlocale` restricted to the locales that behave like "C"
//! ("C", "POSIX", "C.UTF-8", "C.utf8"), which are the only ones this implementation follows.
//! Requests for any other locale fail (nil) without changing anything; "" picks the names from
//! `LC_ALL`, `LC_<category>` and `LANG` as glibc does. The current names are process-wide, as in C,
//! and queries for "all" give glibc's composite name when the categories differ.
#![forbid(unsafe_code)]

use std::sync::Mutex;

use crate::vm::error::LuaResult;
use crate::vm::state::State;

/// glibc's categories, in the order of its composite names.
const CATEGORIES: [&str; 12] = [
    "LC_CTYPE",
    "LC_NUMERIC",
    "LC_TIME",
    "LC_COLLATE",
    "LC_MONETARY",
    "LC_MESSAGES",
    "LC_PAPER",
    "LC_NAME",
    "LC_ADDRESS",
    "LC_TELEPHONE",
    "LC_MEASUREMENT",
    "LC_IDENTIFICATION",
];

/// Lua's category names (`catnames` of loslib.c) and the glibc category each one selects
/// (`None`: all of them).
const LUA_CATEGORIES: [(&str, Option<usize>); 6] = [
    ("all", None),
    ("collate", Some(3)),
    ("ctype", Some(0)),
    ("monetary", Some(4)),
    ("numeric", Some(1)),
    ("time", Some(2)),
];

/// Current locale name of every category; `None` until the first call (all "C").
static CURRENT: Mutex<Option<[String; 12]>> = Mutex::new(None);

/// The name glibc reports for a supported locale, `None` for unsupported ones.
fn canonical(name: &str) -> Option<&str> {
    match name {
        "C" | "POSIX" => Some("C"),
        "C.UTF-8" | "C.utf8" => Some(name),
        _ => None,
    }
}

/// The locale name "" means for category `cat`, from the environment.
fn from_env(cat: usize) -> String {
    ["LC_ALL", CATEGORIES[cat], "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "C".to_string())
}

/// The name of the whole locale: the common name, or "LC_CTYPE=...;LC_NUMERIC=...;...".
fn name_of_all(cur: &[String; 12]) -> String {
    if cur.iter().all(|n| *n == cur[0]) {
        return cur[0].clone();
    }
    let parts: Vec<String> = CATEGORIES
        .iter()
        .zip(cur.iter())
        .map(|(c, n)| format!("{c}={n}"))
        .collect();
    parts.join(";")
}

/// `setlocale(category, locale)`: the new (or, for a query, current) name, `None` on failure.
fn set_locale(which: Option<usize>, locale: Option<&str>) -> Option<String> {
    let mut guard = CURRENT.lock().unwrap_or_else(|p| p.into_inner());
    let cur = guard.get_or_insert_with(|| std::array::from_fn(|_| "C".to_string()));
    let cats: Vec<usize> = match which {
        Some(c) => vec![c],
        None => (0..CATEGORIES.len()).collect(),
    };
    if let Some(l) = locale {
        let mut new = cur.clone();
        if which.is_none() && l.contains('=') {
            // a composite name, as returned by a query of "all"
            for part in l.split(';') {
                let (cat, name) = part.split_once('=')?;
                let c = CATEGORIES.iter().position(|n| *n == cat)?;
                new[c] = canonical(name)?.to_string();
            }
            *cur = new;
            return Some(name_of_all(cur));
        }
        for &c in &cats {
            let wanted = if l.is_empty() {
                from_env(c)
            } else {
                l.to_string()
            };
            new[c] = canonical(&wanted)?.to_string();
        }
        *cur = new;
    }
    Some(match which {
        Some(c) => cur[c].clone(),
        None => name_of_all(cur),
    })
}

pub(super) fn setlocale(st: &mut State) -> LuaResult<usize> {
    let l = if st.is_none_or_nil(1) {
        None
    } else {
        Some(String::from_utf8_lossy(st.check_bytes(1)?).into_owned())
    };
    let names: Vec<&str> = LUA_CATEGORIES.iter().map(|(n, _)| *n).collect();
    let op = st.check_option(2, Some("all"), &names)?;
    match set_locale(LUA_CATEGORIES[op].1, l.as_deref()) {
        Some(name) => st.push_str(&name)?,
        None => st.push_nil(),
    }
    Ok(1)
}
