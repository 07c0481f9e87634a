// Stub of github.com/Azure/azure-sdk-for-go/sdk/cognitiveservices/azanomalydetector with the signatures of azure-go-auth.md §3.2 (module not served).
package azanomalydetector

type KeyCredential struct{ APIKey string }

type UnivariateClient struct{}

type UnivariateClientOptions struct{}

type MultivariateClient struct{}

type MultivariateClientOptions struct{}

func NewUnivariateClientWithKeyCredential(endpoint string, credential KeyCredential, options *UnivariateClientOptions) (*UnivariateClient, error) {
	return &UnivariateClient{}, nil
}

func NewMultivariateClientWithKeyCredential(endpoint string, credential KeyCredential, options *MultivariateClientOptions) (*MultivariateClient, error) {
	return &MultivariateClient{}, nil
}
