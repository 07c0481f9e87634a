// Stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/arm with the real signatures of the functions keyauth's tests need.
package arm

type ClientOptions struct{ DisableRPRegistration bool }
