package skiptests

var a = 1 // want `every-var: a`
