package alltests

var b = 2 // want `every-var: b`
