-- Tracebacks: debug.traceback as an xpcall message handler, levels, messages, tail calls, natives.

local function lvl3() error("failure at level 3") end
local function lvl2() lvl3() end
local function lvl1() lvl2() end
print(xpcall(lvl1, debug.traceback))

-- a traceback from a method, a field function and a global function
local obj = {}
function obj:method() local x = nil; return x.y end
function obj.field() return obj:method() + 1 end
function global_fn() return obj.field() + 1 end
print(xpcall(global_fn, debug.traceback))

-- tail calls are marked
local function tail_target() error("in tail target") end
local function tail_caller() return tail_target() end
print(xpcall(tail_caller, debug.traceback))

-- errors raised by native functions show the native frame
print(xpcall(function() return select(0) end, debug.traceback))

-- debug.traceback called directly, with a message and a level
local function show() print(debug.traceback("message here", 1)) end
show()
print(debug.traceback("level 2", 2))
print(debug.traceback())
print(debug.traceback(nil) == nil, debug.traceback({}) ~= nil, debug.traceback(42))

-- a handler that adds the traceback to a non-string error leaves the object alone
print(select(2, xpcall(function() error({}) end, debug.traceback)) ~= nil)

-- very deep stacks are abbreviated
local function deep(n) if n == 0 then error("bottom") end deep(n - 1) end
local _, tb = xpcall(deep, debug.traceback, 40)
print(tb)

-- traceback of a coroutine
local co = coroutine.create(function() local function inco() coroutine.yield() end inco() end)
coroutine.resume(co)
print(debug.traceback(co))
print(debug.traceback(co, "co message"))
