// Stub of aztables with the real signatures hardcodedsecret's tests need.
package aztables

type SharedKeyCredential struct{ name string }

func NewSharedKeyCredential(accountName string, accountKey string) (*SharedKeyCredential, error) {
	return &SharedKeyCredential{name: accountName}, nil
}
