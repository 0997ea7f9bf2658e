-- lua51-compatible
-- A small Lisp interpreter: a tokenizer (gmatch), a reader building nested tables, environments as
-- tables chained by a parent link, special forms dispatched through a table of functions, closures
-- for lambdas, varargs for builtins; it runs recursive and iterative programs written in the Lisp.
local DEFAULT, EXPECTED = 27, "196418 549848 31 355"
local N = tonumber(arg and arg[1]) or DEFAULT

local unpack = table.unpack or unpack

local function tokenize(src)
  local tokens = {}
  for tok in src:gsub("%(", " ( "):gsub("%)", " ) "):gmatch("%S+") do
    tokens[#tokens + 1] = tok
  end
  return tokens
end

local Symbol = {}
Symbol.__index = Symbol
local symbols = {}
local function sym(name)
  local s = symbols[name]
  if not s then
    s = setmetatable({ name = name }, Symbol)
    symbols[name] = s
  end
  return s
end

local function read(tokens, pos)
  local tok = tokens[pos]
  if tok == "(" then
    local list = {}
    pos = pos + 1
    while tokens[pos] ~= ")" do
      list[#list + 1], pos = read(tokens, pos)
    end
    return list, pos + 1
  end
  local n = tonumber(tok)
  if n then
    return n, pos + 1
  end
  return sym(tok), pos + 1
end

local Env = {}
Env.__index = Env
local function new_env(parent)
  return setmetatable({ vars = {}, parent = parent }, Env)
end
function Env:lookup(s)
  local e = self
  repeat
    local v = e.vars[s]
    if v ~= nil then
      return v
    end
    e = e.parent
  until not e
  error("unbound symbol " .. s.name)
end
function Env:set(s, v)
  local e = self
  repeat
    if e.vars[s] ~= nil then
      e.vars[s] = v
      return
    end
    e = e.parent
  until not e
  error("set! of unbound " .. s.name)
end

local eval
local special = {}

special[sym("quote")] = function(x) return x[2] end
special[sym("if")] = function(x, env)
  local c = eval(x[2], env)
  if c ~= false and c ~= nil then
    return eval(x[3], env)
  elseif x[4] ~= nil then
    return eval(x[4], env)
  end
  return false
end
special[sym("define")] = function(x, env)
  env.vars[x[2]] = eval(x[3], env)
  return x[2]
end
special[sym("set!")] = function(x, env)
  env:set(x[2], eval(x[3], env))
  return false
end
special[sym("begin")] = function(x, env)
  local v = false
  for i = 2, #x do
    v = eval(x[i], env)
  end
  return v
end
special[sym("lambda")] = function(x, env)
  local params, body = x[2], x[3]
  local np = #params
  return function(...)
    local e = new_env(env)
    for i = 1, np do
      e.vars[params[i]] = (select(i, ...))
    end
    return eval(body, e)
  end
end
special[sym("while")] = function(x, env)
  while eval(x[2], env) do
    for i = 3, #x do
      eval(x[i], env)
    end
  end
  return false
end

eval = function(x, env)
  local tx = type(x)
  if tx == "number" then
    return x
  elseif getmetatable(x) == Symbol then
    return env:lookup(x)
  end
  local head = x[1]
  local form = special[head]
  if form then
    return form(x, env)
  end
  local f = eval(head, env)
  local n = #x
  if n == 2 then
    return f(eval(x[2], env))
  elseif n == 3 then
    return f(eval(x[2], env), eval(x[3], env))
  end
  local args = {}
  for i = 2, n do
    args[i - 1] = eval(x[i], env)
  end
  return f(unpack(args, 1, n - 1))
end

local global = new_env(nil)
local builtins = {
  ["+"] = function(a, b) return a + b end,
  ["-"] = function(a, b) return a - b end,
  ["*"] = function(a, b) return a * b end,
  ["<"] = function(a, b) return a < b end,
  ["="] = function(a, b) return a == b end,
  ["mod"] = function(a, b) return a % b end,
  ["list"] = function(...) return { ... } end,
  ["sum"] = function(...)
    local s = 0
    for i = 1, select("#", ...) do
      s = s + select(i, ...)
    end
    return s
  end,
}
for name, f in pairs(builtins) do
  global.vars[sym(name)] = f
end

local function run(src)
  local tokens = tokenize(src)
  local pos, v = 1, nil
  while pos <= #tokens do
    local x
    x, pos = read(tokens, pos)
    v = eval(x, global)
  end
  return v
end

run([[
(define fib (lambda (n) (if (< n 2) n (+ (fib (- n 1)) (fib (- n 2))))))
(define count-to (lambda (n) (begin (define i 0) (define acc 0)
  (while (< i n) (set! acc (mod (+ acc (* i i)) 1000003)) (set! i (+ i 1))) acc)))
(define compose (lambda (f g) (lambda (x) (f (g x)))))
(define inc (lambda (x) (+ x 1)))
(define twice (lambda (f) (compose f f)))
]])
local a = run("(fib " .. N .. ")")
local b = run("(count-to " .. (N * 2000) .. ")")
local c = run("((twice (twice inc)) " .. N .. ")")
local d = run("(sum 1 2 3 4 5 (fib 10) (count-to 10))")
local result = a .. " " .. b .. " " .. c .. " " .. d
print("checksum " .. result)
if N == DEFAULT then
  assert(result == EXPECTED, "lisp_interp: wrong checksum " .. result)
end
