// Package arm is a stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/arm v1.24.0.
package arm

// ClientOptions contains configuration settings for a client's pipeline.
type ClientOptions struct {
	DisableRPRegistration bool
}
