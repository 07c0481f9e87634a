// Stub of github.com/openai/openai-go/v3/internal/requestconfig with the real signatures of the functions keyauth's tests need.
package requestconfig

import (
	"net/http"

	"github.com/openai/openai-go/v3/internal"
)

type RequestConfig struct {
	BaseURL string
	Request *http.Request
}

var userAgent = "OpenAI/Go " + internal.PackageVersion

type RequestOption interface {
	Apply(*RequestConfig) error
}

type RequestOptionFunc func(*RequestConfig) error

func (s RequestOptionFunc) Apply(r *RequestConfig) error { return s(r) }
