// Package plainopenai talks to api.openai.com, where API keys are the only
// option: keyless must not report anything here.
package plainopenai

import (
	"os"

	openaiv3 "github.com/openai/openai-go/v3"
	"github.com/openai/openai-go/v3/option"
	goopenai "github.com/sashabaranov/go-openai"
)

// OpenAIGo uses openai-go with the default base URL.
func OpenAIGo() openaiv3.Client {
	return openaiv3.NewClient(option.WithAPIKey(os.Getenv("OPENAI_API_KEY")))
}

// GoOpenAI uses go-openai's default (OpenAI) config.
func GoOpenAI() *goopenai.Client {
	return goopenai.NewClient(os.Getenv("OPENAI_API_KEY"))
}

// Header sets a header that is not an API key.
func Header() openaiv3.Client {
	return openaiv3.NewClient(option.WithHeader("OpenAI-Organization", os.Getenv("OPENAI_ORG")))
}
