print(string.find('hello world', 'o w'), string.match('key=val', '(%w+)=(%w+)'))
