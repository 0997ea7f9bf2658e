W = 'local function write(name, s) local f = assert(io.open(name, "w")) f:write(s) f:close() end\n'
cases = [
("package_fields", 'return type(package.path), type(package.cpath), package.config, type(package.searchers), #package.searchers, type(package.preload), package.loaded._G == _G, package.loaded.package == package, package.loaded.io == io, type(require)'),
("default_paths_from_environment_or_default", 'return package.path == (package.path), type(package.searchpath), type(package.loadlib)'),
("require_loaded_library", 'return require("io") == io, require("_G") == _G, require("package") == package, select("#", require("io"))'),
("require_not_found_message", '''package.path = "?.lua;?/?" package.cpath = "?.so;?/init"
local ok, msg = pcall(require, "XXX") return ok, msg'''),
("require_not_found_empty_paths", '''package.path = "" package.cpath = ""
local ok, msg = pcall(require, "a.b") return msg'''),
("require_path_must_be_string", 'package.path = {} local ok, msg = pcall(require, "no-such-file") return msg'),
("require_cpath_must_be_string", 'package.cpath = nil package.path = "" local ok, msg = pcall(require, "no-such-file") return msg'),
("require_searchers_must_be_table", 'package.searchers = 3 local ok, msg = pcall(require, "a") return msg'),
("require_bad_name", 'local a = {pcall(require)} local b = {pcall(require, {})} return a[2], b[2]'),
("require_preload", '''package.preload.pl = function (...) local t = {...} t.n = select("#", ...) return t end
local pl, extra = require("pl") return pl[1], pl[2], pl.n, extra, require("pl") == pl, package.loaded.pl == pl'''),
("require_preload_returns_nothing", '''package.preload.x = function () end
local a, b = require("x") return a, b, package.loaded.x'''),
("require_preload_sets_loaded", '''package.preload.y = function (name) package.loaded[name] = 25 end
local a, b = require("y") return a, b'''),
("require_preload_returns_false", '''package.preload.z = function () return false end
local a, b = require("z") return a, b, package.loaded.z'''),
("require_lua_file", W + '''write(TMP .. "_mod.lua", "local name, file = ... return {name = name, file = file, n = select('#', ...)}")
package.path = TMP .. "_?.lua"
local m, file = require("mod") return m.name, m.file == file, m.n, file, require("mod") == m'''),
("require_hot_reload", W + '''write(TMP .. "_hot.lua", "count = (count or 0) + 1 return count")
package.path = TMP .. "_?.lua"
local a = require("hot") local b = require("hot") package.loaded.hot = nil local c = require("hot") return a, b, c'''),
("require_module_returns_nothing", W + '''write(TMP .. "_nothing.lua", "X = 1")
package.path = TMP .. "_?.lua"
local a, b = require("nothing") return a, b, package.loaded.nothing'''),
("require_submodule_dots", W + '''write(TMP .. "_a/b.lua", "") package.path = TMP .. "_?.lua"
local ok, msg = pcall(require, "a.b") return msg'''),
("require_runtime_error", W + '''write(TMP .. "_err.lua", "B = 15; a = a + 1;") package.path = TMP .. "_?.lua"
local ok, msg = pcall(require, "err") return ok, msg, B'''),
("require_syntax_error", W + '''write(TMP .. "_synerr.lua", "B =") package.path = TMP .. "_?.lua"
local ok, msg = pcall(require, "synerr") return ok, msg'''),
("require_second_template", W + '''write(TMP .. "_two.lc", "return 'lc'") package.path = TMP .. "_?.lua;" .. TMP .. "_?.lc"
local a, b = require("two") return a, b'''),
("require_custom_searchers", '''package.searchers = {
  function (name) return "\\n\\tfirst says no" end,
  function (name) return nil end,
  function (name) if name == "found" then return function (n, x) return n .. x end, "data" end return 42 end,
}
local a, b = require("found") local ok, msg = pcall(require, "other") return a, b, msg'''),
("require_loader_error", '''package.preload.bad = function () error("in loader") end local ok, msg = pcall(require, "bad") return ok, msg'''),
("require_name_with_nul", '''package.preload["a"] = function (n) return n end local a = require("a\\0b") return a == "a\\0b", #a'''),
("searchpath_found_and_not_found", W + '''write(TMP .. "_C.lua", "")
local a = package.searchpath("C", TMP .. "_?.lua")
local b, c = package.searchpath("nope", TMP .. "_?.lua;" .. TMP .. "_?/x;;end")
return a == TMP .. "_C.lua", b, c'''),
("searchpath_separators", W + '''write(TMP .. "_XXxX", "") write(TMP .. "_C.lua", "")
return package.searchpath("C.lua", TMP .. "_?", "", "") == TMP .. "_C.lua",
  package.searchpath("C.lua", TMP .. "_?", ".", ".") == TMP .. "_C.lua",
  package.searchpath("--x-", TMP .. "_?", "-", "X") == TMP .. "_XXxX",
  package.searchpath("---xX", TMP .. "_?", "---", "XX") == TMP .. "_XXxX",
  package.searchpath("a.b.c", "?"), package.searchpath("a.b", "?", ".", "::")'''),
("searchpath_many_templates", '''local t = {} for i = 1, 50 do t[i] = "?" end
local p = "" for i = 1, 10 do p = p .. "x?" .. i .. ";" end
local a, b = package.searchpath("m", p) return a, b'''),
("searchpath_empty_and_nul", 'local a, b = package.searchpath("x", "") local c, d = package.searchpath("x", "??\\0?") return a, b, c, d'),
("searchpath_bad_args", 'local a = {pcall(package.searchpath)} local b = {pcall(package.searchpath, "x")} local c = {pcall(package.searchpath, "x", "y", {})} return a[2], b[2], c[2]'),
("loadlib_args", 'local a = {pcall(package.loadlib)} local b = {pcall(package.loadlib, "x")} return a[2], b[2]'),
("package_table_replaced", '''local p = package package = {} p.preload.pl = function () return "ok" end local a, b = require("pl") package = p return a, b'''),
("loaded_is_registry_loaded", 'package.loaded.fake = "F" local a = require("fake") package.loaded = {} local b = require("fake") return a, b'),
]
