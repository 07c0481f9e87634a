// Stub of github.com/Microsoft/cognitive-services-speech-sdk-go/speech with the real signatures of the functions keyauth's tests need.
package speech

type SpeechConfig struct{ handle uintptr }

func NewSpeechConfigFromSubscription(subscriptionKey string, region string) (*SpeechConfig, error) {
	return &SpeechConfig{}, nil
}

func NewSpeechConfigFromEndpointWithSubscription(endpoint string, subscriptionKey string) (*SpeechConfig, error) {
	return &SpeechConfig{}, nil
}

func NewSpeechConfigFromHostWithSubscription(host string, subscriptionKey string) (*SpeechConfig, error) {
	return &SpeechConfig{}, nil
}

func NewSpeechConfigFromAuthorizationToken(authorizationToken string, region string) (*SpeechConfig, error) {
	return &SpeechConfig{}, nil
}
