// Package github is a stub of github.com/google/go-github/v66/github.
package github

// User represents a GitHub user.
type User struct {
	Login *string `json:"login,omitempty"`
}

// Repository represents a GitHub repository.
type Repository struct {
	Name  *string `json:"name,omitempty"`
	Owner *User   `json:"owner,omitempty"`
}
