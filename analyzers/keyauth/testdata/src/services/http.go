package services

import (
	"net/http"
	"os"
)

const subHeader = "Ocp-Apim-" + "Subscription-Key"

func raw(req *http.Request) {
	req.Header.Set("api-key", os.Getenv("AZURE_OPENAI_API_KEY"))        // want `keyauth/http-api-key-header: http.Header.Set with header "api-key" authenticates to Azure AI services \(raw HTTP\) with a key`
	req.Header.Add("API-KEY", os.Getenv("AZURE_OPENAI_API_KEY"))        // want `keyauth/http-api-key-header: http.Header.Add with header "API-KEY"`
	req.Header.Set(subHeader, os.Getenv("KEY"))                         // want `keyauth/http-api-key-header: http.Header.Set with header "Ocp-Apim-Subscription-Key"`
	req.Header["Api-Key"] = []string{os.Getenv("AZURE_OPENAI_API_KEY")} // want `keyauth/http-api-key-header: net/http header "Api-Key" authenticates`
	h := http.Header{
		"Content-Type":              {"application/json"},
		"Ocp-Apim-Subscription-Key": {os.Getenv("KEY")}, // want `keyauth/http-api-key-header: net/http header "Ocp-Apim-Subscription-Key"`
	}
	_ = h

	// Negatives.
	req.Header.Set("Authorization", "Bearer "+os.Getenv("TOKEN"))
	req.Header.Set("x-api-key", os.Getenv("OTHER_VENDOR_KEY"))
	req.Header.Set("api-key-version", "1")
	name := os.Getenv("HEADER")
	req.Header.Set(name, os.Getenv("V"))
	if req.Header.Get("api-key") != "" {
		req.Header.Del("api-key")
	}
}
