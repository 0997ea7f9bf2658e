-- A syntax error: reported without running anything and without a traceback.
print("never printed")
local x = = 1
