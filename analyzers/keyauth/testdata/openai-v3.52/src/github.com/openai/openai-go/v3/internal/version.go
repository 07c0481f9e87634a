// Stub of github.com/openai/openai-go/v3/internal with the real signatures of the functions keyauth's tests need.
package internal

const PackageVersion = "3.52.0" // x-release-please-version
