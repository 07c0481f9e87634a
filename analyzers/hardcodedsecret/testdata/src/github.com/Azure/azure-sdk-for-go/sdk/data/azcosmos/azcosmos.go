// Stub of azcosmos with the real signatures hardcodedsecret's tests need.
package azcosmos

type KeyCredential struct{ key string }

func NewKeyCredential(accountKey string) (KeyCredential, error) {
	return KeyCredential{key: accountKey}, nil
}
