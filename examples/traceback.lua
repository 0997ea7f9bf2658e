-- An error deep in Lua code: the host gets the message and the traceback the reference prints.
local Inventory = {}
Inventory.__index = Inventory

function Inventory.new(items)
  return setmetatable({ items = items }, Inventory)
end

function Inventory:total_weight()
  local sum = 0
  for _, item in ipairs(self.items) do
    sum = sum + item.weight * item.count
  end
  return sum
end

local function report(inv)
  return "total weight: " .. inv:total_weight()
end

function check_all(list)
  for _, inv in ipairs(list) do
    print(report(inv))
  end
end

check_all({
  Inventory.new({ { weight = 2, count = 3 }, { weight = 1, count = 4 } }),
  Inventory.new({ { weight = 5, count = 1 }, { weight = 1 } }),
})
