/// The OpenAPI 3.1 description of the JSON endpoints, served at `/openapi.json`. It lives in
/// the source, not as a bundle resource, so that the binary needs no Foundation `Bundle`: a
/// `fundstelle search` process starts without loading Foundation and ICU.
enum OpenAPIDocument {
    static let text = #"""
        {
          "openapi": "3.1.0",
          "info": {
            "title": "Fundstelle",
            "version": "1.0.0",
            "summary": "Full-text search for German social-affairs pages and laws.",
            "description": "Every endpoint answers GET. Errors are RFC 9457 problem documents (application/problem+json) whose `parameter` names the request parameter at fault. The index is reloaded without a restart when `fundstelle index` commits."
          },
          "servers": [{ "url": "http://127.0.0.1:8080" }],
          "paths": {
            "/search": {
              "get": {
                "operationId": "search",
                "summary": "Ranked hits for a query, as `fundstelle search --json` prints them.",
                "parameters": [
                  { "name": "q", "in": "query", "required": true, "description": "The query in Fundstelle's query language (see `fundstelle search --help`): words (all required), \"phrases\", \"phrase\"~N, -word, a OR b, (groups), prefix*, fuzzy~, title:word, path:folder/, site:, year:, lang:, date:2024-01..2024-06, word^2.", "schema": { "type": "string", "minLength": 1, "maxLength": 4096, "pattern": "\\S" } },
                  { "name": "limit", "in": "query", "description": "Hits per page.", "schema": { "type": "integer", "minimum": 0, "maximum": 100, "default": 10 } },
                  { "name": "offset", "in": "query", "description": "Hits to skip, for paging. The order is stable: score, then document.", "schema": { "type": "integer", "minimum": 0, "maximum": 10000, "default": 0 } },
                  { "name": "filter", "in": "query", "description": "Only documents with this site, year, date or language, as NAME:VALUE (site:www.stadt.example, year:2024, date:2024-01..2024-06, lang:de). Repeatable, or comma-separated.", "style": "form", "explode": true, "schema": { "type": "array", "items": { "type": "string", "pattern": "^(site|year|date|lang):[^\\s,]+(,(site|year|date|lang):[^\\s,]+)*$" } } },
                  { "name": "explain", "in": "query", "description": "Add to each hit what each query item added to its score.", "schema": { "type": "boolean", "default": false } },
                  { "name": "facets", "in": "query", "description": "Count the matching documents per site, year and language.", "schema": { "type": "boolean", "default": false } }
                ],
                "responses": {
                  "200": { "description": "The hits.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/SearchResult" } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "503": { "$ref": "#/components/responses/Unavailable" }
                }
              }
            },
            "/documents/{id}": {
              "get": {
                "operationId": "document",
                "summary": "A stored document by its id, as `fundstelle show --json` prints it.",
                "parameters": [
                  { "name": "id", "in": "path", "required": true, "description": "The id a hit gives: 16 lower-case hex digits.", "schema": { "type": "string", "pattern": "^[0-9a-f]{16}$" } }
                ],
                "responses": {
                  "200": { "description": "The document.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Document" } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" },
                  "404": { "$ref": "#/components/responses/NotFound" }
                }
              }
            },
            "/suggest": {
              "get": {
                "operationId": "suggest",
                "summary": "As-you-type completions: the query with its last word completed from the index's words, the most frequent first.",
                "parameters": [
                  { "name": "q", "in": "query", "description": "What was typed so far; the last word needs 2 letters or more.", "schema": { "type": "string", "maxLength": 4096 } },
                  { "name": "limit", "in": "query", "schema": { "type": "integer", "minimum": 0, "maximum": 100, "default": 8 } }
                ],
                "responses": {
                  "200": { "description": "The completions.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Suggestions" } } } },
                  "400": { "$ref": "#/components/responses/BadRequest" }
                }
              }
            },
            "/stats": {
              "get": {
                "operationId": "stats",
                "summary": "What the index holds, as `fundstelle stats --json` prints it.",
                "responses": {
                  "200": { "description": "The figures of the commit being served.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Stats" } } } }
                }
              }
            },
            "/health": {
              "get": {
                "operationId": "health",
                "summary": "Whether the server answers, and which commit it serves.",
                "responses": {
                  "200": { "description": "The server is up.", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Health" } } } }
                }
              }
            },
            "/openapi.json": {
              "get": {
                "operationId": "openapi",
                "summary": "This document.",
                "responses": { "200": { "description": "The OpenAPI document.", "content": { "application/json": { "schema": { "type": "object" } } } } }
              }
            }
          },
          "components": {
            "responses": {
              "BadRequest": { "description": "A parameter is missing or wrong; `parameter` names it.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "NotFound": { "description": "No such document or endpoint.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } },
              "Unavailable": { "description": "The query ran past its time budget, or too many requests are in flight; retry after the Retry-After header's seconds.", "content": { "application/problem+json": { "schema": { "$ref": "#/components/schemas/Problem" } } } }
            },
            "schemas": {
              "SearchResult": {
                "type": "object",
                "required": ["query", "total", "partial", "complete", "took_ms", "hits"],
                "additionalProperties": false,
                "properties": {
                  "query": { "type": "string", "description": "The query as searched (cut at 4096 bytes when longer)." },
                  "total": { "type": "integer", "minimum": 0, "description": "Exact number of documents in the ranking: those with every required word, and when fewer than 10 have them all, the partial matches after them." },
                  "partial": { "type": "boolean", "description": "True when no document has every word and the hits are the best partial matches." },
                  "complete": { "type": "integer", "minimum": 0, "description": "Documents with every required word: the first `complete` of the ranking. When fewer than 10 have them all, the best partial matches follow them (total counts both)." },
                  "truncated": { "type": "boolean", "description": "Present (true) when the query was cut: over 4096 bytes or over 64 required words." },
                  "did_you_mean": { "type": "string", "description": "A corrected query, when there are fewer than 3 hits and one can be made." },
                  "warnings": { "type": "array", "items": { "type": "string" }, "description": "Mistakes in the query that were repaired, each with its position." },
                  "took_ms": { "type": "number", "minimum": 0 },
                  "hits": { "type": "array", "items": { "$ref": "#/components/schemas/Hit" } },
                  "facets": {
                    "type": "object",
                    "additionalProperties": false,
                    "properties": {
                      "site": { "$ref": "#/components/schemas/FacetValues" },
                      "year": { "$ref": "#/components/schemas/FacetValues" },
                      "lang": { "$ref": "#/components/schemas/FacetValues" }
                    }
                  }
                }
              },
              "FacetValues": {
                "type": "array",
                "description": "[value, count] pairs, the largest count first.",
                "items": { "type": "array", "prefixItems": [{ "type": "string" }, { "type": "integer", "minimum": 1 }], "minItems": 2, "maxItems": 2 }
              },
              "Hit": {
                "type": "object",
                "required": ["id", "path", "url", "title", "date", "score", "snippet", "highlights"],
                "additionalProperties": false,
                "properties": {
                  "id": { "type": "string", "pattern": "^[0-9a-f]{16}$" },
                  "path": { "type": "string", "description": "Path of the page in the indexed dump (with #record for one of many records in a file)." },
                  "url": { "type": "string", "description": "The page's address; empty when unknown." },
                  "title": { "type": "string" },
                  "date": { "type": "string", "description": "ISO date (YYYY, YYYY-MM or YYYY-MM-DD), or empty." },
                  "score": { "type": "number" },
                  "snippet": { "type": "string", "description": "The passage densest in query words." },
                  "highlights": { "type": "array", "description": "[start, end) offsets into snippet, in Unicode code points.", "items": { "type": "array", "items": { "type": "integer", "minimum": 0 }, "minItems": 2, "maxItems": 2 } },
                  "duplicates": { "type": "array", "items": { "type": "string" }, "description": "Other paths with the same content." },
                  "explain": { "$ref": "#/components/schemas/Explanation" }
                }
              },
              "Explanation": {
                "type": "object",
                "required": ["proximity", "items"],
                "additionalProperties": false,
                "properties": {
                  "proximity": { "type": "number", "description": "Factor by which proximity multiplied the score (1: none)." },
                  "items": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["item", "score", "idf", "fields", "exact_bonus", "folded_bonus"],
                      "additionalProperties": false,
                      "properties": {
                        "item": { "type": "string" },
                        "score": { "type": "number" },
                        "idf": { "type": "number" },
                        "fields": { "type": "object", "additionalProperties": { "type": "number" }, "description": "Weighted term frequency per field (title, headings, body, description)." },
                        "exact_bonus": { "type": "number" },
                        "folded_bonus": { "type": "number" }
                      }
                    }
                  }
                }
              },
              "Document": {
                "type": "object",
                "required": ["id", "path", "title", "date", "lang", "description", "url", "collection", "headings", "text"],
                "additionalProperties": false,
                "properties": {
                  "id": { "type": "string", "pattern": "^[0-9a-f]{16}$" },
                  "path": { "type": "string" },
                  "title": { "type": "string" },
                  "date": { "type": "string" },
                  "lang": { "type": "string" },
                  "description": { "type": "string" },
                  "url": { "type": "string" },
                  "collection": { "type": "string" },
                  "headings": { "type": "array", "items": { "type": "string" } },
                  "text": { "type": "string" },
                  "duplicates": { "type": "array", "items": { "type": "string" } }
                }
              },
              "Suggestions": {
                "type": "object",
                "required": ["query", "suggestions"],
                "additionalProperties": false,
                "properties": {
                  "query": { "type": "string" },
                  "suggestions": { "type": "array", "items": { "type": "string" } }
                }
              },
              "Stats": {
                "type": "object",
                "required": ["index", "documents", "deleted", "terms", "keys", "fields", "segments", "size_bytes", "stored_bytes", "generation", "root"],
                "additionalProperties": false,
                "properties": {
                  "index": { "type": "string" },
                  "documents": { "type": "integer", "minimum": 0 },
                  "deleted": { "type": "integer", "minimum": 0 },
                  "terms": { "type": "integer", "minimum": 0 },
                  "keys": { "type": "integer", "minimum": 0 },
                  "fields": {
                    "type": "array",
                    "items": {
                      "type": "object",
                      "required": ["name", "terms"],
                      "additionalProperties": false,
                      "properties": {
                        "name": { "type": "string" },
                        "terms": { "type": "integer", "minimum": 0 },
                        "average_length": { "type": "number", "minimum": 0 }
                      }
                    }
                  },
                  "segments": { "type": "integer", "minimum": 0 },
                  "size_bytes": { "type": "integer", "minimum": 0 },
                  "stored_bytes": { "type": "integer", "minimum": 0 },
                  "generation": { "type": "integer", "minimum": 0 },
                  "root": { "type": "string" }
                }
              },
              "Health": {
                "type": "object",
                "required": ["status", "documents", "generation"],
                "additionalProperties": false,
                "properties": {
                  "status": { "type": "string", "enum": ["ok"] },
                  "documents": { "type": "integer", "minimum": 0 },
                  "generation": { "type": "integer", "minimum": 0 }
                }
              },
              "Problem": {
                "type": "object",
                "description": "RFC 9457 problem details.",
                "required": ["type", "title", "status", "detail"],
                "additionalProperties": false,
                "properties": {
                  "type": { "type": "string", "description": "/problems/bad-parameter, /problems/not-found, /problems/method-not-allowed, /problems/unavailable, or about:blank." },
                  "title": { "type": "string" },
                  "status": { "type": "integer", "minimum": 400, "maximum": 599 },
                  "detail": { "type": "string" },
                  "instance": { "type": "string", "description": "The path requested." },
                  "parameter": { "type": "string", "description": "The request parameter at fault." }
                }
              }
            }
          }
        }
        """#
}
