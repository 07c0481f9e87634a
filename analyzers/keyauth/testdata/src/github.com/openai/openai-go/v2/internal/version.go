// Stub of github.com/openai/openai-go/v2/internal with the real signatures of the functions keyauth's tests need.
package internal

const PackageVersion = "2.7.1" // x-release-please-version
