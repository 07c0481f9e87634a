// Stub of azblob with the real signatures hardcodedsecret's tests need.
package azblob

type SharedKeyCredential struct{ name string }

type ClientOptions struct{}

type Client struct{}

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{name: accountName}, nil
}

func NewClientFromConnectionString(connectionString string, options *ClientOptions) (*Client, error) {
	return &Client{}, nil
}
