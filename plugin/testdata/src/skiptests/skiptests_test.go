package skiptests

var b = 2
