local s = 'hello' print(s:upper(), s:rep(3, ','), ('%5.2f'):format(3.14159))
