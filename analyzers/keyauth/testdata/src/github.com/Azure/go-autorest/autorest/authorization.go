// Stub of github.com/Azure/go-autorest/autorest with the real signatures of the functions keyauth's tests need.
package autorest

import "net/http"

type Authorizer interface {
	WithAuthorization() func(http.RoundTripper) http.RoundTripper
}

type CognitiveServicesAuthorizer struct{ subscriptionKey string }

func NewCognitiveServicesAuthorizer(subscriptionKey string) *CognitiveServicesAuthorizer {
	return &CognitiveServicesAuthorizer{subscriptionKey: subscriptionKey}
}

type EventGridKeyAuthorizer struct{ topicKey string }

func NewEventGridKeyAuthorizer(topicKey string) EventGridKeyAuthorizer {
	return EventGridKeyAuthorizer{topicKey: topicKey}
}

type SharedKeyType string

type SharedKeyAuthorizer struct{ accountName string }

func NewSharedKeyAuthorizer(accountName, accountKey string, keyType SharedKeyType) (*SharedKeyAuthorizer, error) {
	return &SharedKeyAuthorizer{accountName: accountName}, nil
}

type SASTokenAuthorizer struct{ sasToken string }

func NewSASTokenAuthorizer(sasToken string) (*SASTokenAuthorizer, error) {
	return &SASTokenAuthorizer{sasToken: sasToken}, nil
}

type BearerAuthorizer struct{}
