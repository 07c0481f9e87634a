package services

import (
	"os"

	lazblob "example.com/lookalike/azblob"
	"example.com/lookalike/option"
)

// Same names as cataloged APIs, other packages: no finding.
func lookalikes() {
	_, _ = lazblob.NewClientFromConnectionString(os.Getenv("AZURE_STORAGE_CONNECTION_STRING"), nil)
	_, _ = lazblob.NewClientWithSharedKeyCredential("https://a.blob.core.windows.net/", lazblob.NewKeyCredential(os.Getenv("K")), nil)
	_ = option.WithAPIKey(os.Getenv("AZURE_OPENAI_API_KEY"))
	_ = option.WithHeader("api-key", os.Getenv("AZURE_OPENAI_API_KEY"))
}
