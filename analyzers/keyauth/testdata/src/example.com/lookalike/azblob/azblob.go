// Package azblob is not the Azure SDK: same names, other package.
package azblob

type Client struct{}

func NewClientFromConnectionString(connectionString string, options any) (*Client, error) {
	return &Client{}, nil
}

func NewClientWithSharedKeyCredential(url string, cred any, options any) (*Client, error) {
	return &Client{}, nil
}

func NewKeyCredential(key string) string { return key }
