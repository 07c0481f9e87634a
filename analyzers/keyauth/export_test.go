package keyauth

// InspectorBuilds exposes the inspector counter to the external tests.
func InspectorBuilds() int64 { return inspectorBuilds.Load() }
