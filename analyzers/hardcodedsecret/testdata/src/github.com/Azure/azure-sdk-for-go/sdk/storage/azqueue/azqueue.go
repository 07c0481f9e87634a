// Stub of azqueue with the real signatures hardcodedsecret's tests need.
package azqueue

type SharedKeyCredential struct{ name string }

func NewSharedKeyCredential(accountName, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{name: accountName}, nil
}
