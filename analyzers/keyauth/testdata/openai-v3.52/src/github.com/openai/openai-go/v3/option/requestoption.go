// Stub of github.com/openai/openai-go/v3/option with the real signatures of the functions keyauth's tests need.
package option

import "github.com/openai/openai-go/v3/internal/requestconfig"

type RequestOption = requestconfig.RequestOption

func WithBaseURL(base string) RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { r.BaseURL = base; return nil })
}

func WithHeader(key, value string) RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}

func WithHeaderAdd(key, value string) RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}

func WithAPIKey(value string) RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}

func WithMaxRetries(retries int) RequestOption {
	return requestconfig.RequestOptionFunc(func(r *requestconfig.RequestConfig) error { return nil })
}
