// Stub of github.com/openai/openai-go/internal with the real signatures of the functions keyauth's tests need.
package internal

const PackageVersion = "1.12.0" // x-release-please-version
