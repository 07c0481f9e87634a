package alltests

var a = 1 // want `every-var: a`
