// Stub of github.com/Azure/azure-sdk-for-go/sdk/azcore/to with the real signatures of the functions keyauth's tests need.
package to

func Ptr[T any](v T) *T { return &v }
