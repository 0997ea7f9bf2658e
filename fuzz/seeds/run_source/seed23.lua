local r = {} for w in ('one two  three'):gmatch('%a+') do r[#r + 1] = w end return #r, ('hello'):gsub('l+', {ll = 'LL'}), utf8.len('\u{7FF}x')
