-- The script of the students demo: ask the host for a few records by id.
-- Students 101 to 105 exist; 107 does not, and comes back as nil (not an invented record).
for _, id in ipairs({ 101, 102, 103, 107 }) do
  local s = CGetStudentInfo(id)
  if s then
    print("Student " .. s.id .. ": " .. s.name .. ", age " .. s.age .. ", grade " .. s.grade)
  else
    print("Student " .. id .. ": no such student")
  end
end

-- The unchecked use the notes warn about: iterating over the record of a missing student.
local missing = CGetStudentInfo(107)
for field, value in pairs(missing) do
  print(field, value)
end
print("not reached")
