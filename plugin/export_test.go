package plugin

// SkipTestFiles exposes skipTestFiles to the external test package.
var SkipTestFiles = skipTestFiles
