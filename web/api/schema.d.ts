// Generated from the OpenAPI document GET /openapi.json serves (shared/openapi/document.ts)
// by `npm run web:types`. Do not edit: a test fails when it is out of date.

export interface paths {
    "/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search articles
         * @description Full-text search with typo tolerance, medical synonyms and stemming, disjunctive facets, highlights and "did you mean". An empty `q` browses. Unknown tags or categories are not errors; they match nothing.
         */
        get: operations["search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/suggest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Autocomplete
         * @description Up to 8 suggestions for what has been typed so far: article titles by prefix (typo tolerant from five letters), then matching tags and categories.
         */
        get: operations["suggest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/articles/{id}/related": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Related evidence-labeled articles */
        get: operations["relatedArticles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/openapi.json": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** This document */
        get: operations["openApi"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/articles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The article id, a lower-case slug. */
                id: string;
            };
            cookie?: never;
        };
        /** Read an article (admin) */
        get: operations["getArticle"];
        /** Create or replace an article (admin) */
        put: operations["putArticle"];
        post?: never;
        /** Delete an article (admin) */
        delete: operations["deleteArticle"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        Evidence: {
            source: string;
            type: string;
        };
        Article: {
            id: string;
            title: string;
            summary: string;
            category: string;
            tags: string[];
            /** Format: date */
            publishedAt: string;
            readTimeMinutes: number;
            keyTakeaways: string[];
            sections: {
                heading: string;
                body: string;
            }[];
            heroImage?: {
                alt: string;
                credit: string;
                license: string;
            };
            evidence?: {
                source: string;
                type: string;
            } | null;
            version: number;
            /** Format: date-time */
            updatedAt: string;
        };
        ArticleInput: {
            id?: string;
            title: string;
            summary: string;
            category: string;
            tags: string[];
            /** Format: date */
            publishedAt: string;
            readTimeMinutes: number;
            keyTakeaways: string[];
            sections: {
                heading: string;
                body: string;
            }[];
            heroImage?: {
                alt: string;
                credit: string;
                license: string;
            };
            evidence?: {
                source: string;
                type: string;
            } | null;
        };
        /** @description An error answered by API Gateway itself, e.g. `{"message":"Too Many Requests"}`. */
        GatewayError: {
            message: string;
        };
        /** @description RFC 9457 problem details. */
        Problem: {
            type: string;
            title: string;
            status: number;
            detail: string;
            instance?: string;
            invalidParams?: {
                field: string;
                message: string;
            }[];
        };
        SearchHit: {
            id: string;
            /** @description Plain text (not HTML). */
            title: string;
            /** @description Plain text (not HTML). */
            summary: string;
            category: string;
            tags: string[];
            /** Format: date */
            publishedAt: string;
            readTimeMinutes: number;
            evidence: components["schemas"]["Evidence"] | null;
            /** @description Relevance score; only comparable within one query. */
            score: number;
            /** @description HTML safe to insert as is: matched words are wrapped in <mark>, every other character is escaped. */
            highlights: {
                title: string;
                snippets: string[];
            };
        };
        FacetValue: {
            /** @description What to pass back as the filter value. */
            value: string;
            /** @description Results if this value were selected, given every other active filter. */
            count: number;
            selected: boolean;
        };
        SearchResponse: {
            total: number;
            page: number;
            pageSize: number;
            /** @description Pass as `cursor` with the same parameters for the next page; null at the end. */
            nextCursor: string | null;
            hits: components["schemas"]["SearchHit"][];
            facets: {
                tags: components["schemas"]["FacetValue"][];
                category: components["schemas"]["FacetValue"][];
                evidenceType: components["schemas"]["FacetValue"][];
                source: components["schemas"]["FacetValue"][];
                year: components["schemas"]["FacetValue"][];
            };
            /** @description The query with words no article contains corrected, if any were. */
            didYouMean: string | null;
            /** @description True when too few articles had enough of the words, so articles with any of them are included (those sharing more words still rank higher). */
            relaxed: boolean;
            /** @description True when no article contained any of the words, so articles with near spellings of them (identifiers included) are shown instead. */
            approximate: boolean;
            /** @description True when the page was ranked with meaning (sentence embeddings blended with the word match, as far as the query allows: a query of a few words is re-ordered only among near-equal word matches, and not when one of its words looks misspelled); false when ranking is by words only (browsing, other sort orders, pages past the re-ranked window, or the model unavailable). */
            semantic: boolean;
            tookMs: number;
        };
        Suggestion: {
            /** @constant */
            type: "article";
            /** @description The article title (plain text). */
            text: string;
            id: string;
        } | {
            /** @enum {unknown} */
            type: "tag" | "category";
            text: string;
            count: number;
        };
        SuggestResponse: {
            q: string;
            items: components["schemas"]["Suggestion"][];
        };
        RelatedItem: {
            id: string;
            title: string;
            summary: string;
            tags: string[];
            /** Format: date */
            publishedAt: string;
            evidence: components["schemas"]["Evidence"];
            score: number;
            /** @description Short, true explanations, e.g. "shares tags: autoimmunity, risk". */
            reasons: string[];
            /** @description Filled in (newest on a shared tag or category), not a close match. */
            fallback: boolean;
        };
        RelatedResponse: {
            articleId: string;
            items: components["schemas"]["RelatedItem"][];
            /** @description A /search link for more evidence-labeled coverage of the same topics. */
            moreUrl: string;
            /** Format: date-time */
            computedAt: string;
            cached: boolean;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    search: {
        parameters: {
            query?: {
                /** @description Free text; any characters are safe (never query syntax) except control characters. */
                q?: string;
                /** @description Tags to filter by: repeat the parameter or separate with commas. */
                tags?: string[];
                /** @description `all`: articles with every tag; `any`: with at least one. */
                tagsMode?: "all" | "any";
                /** @description Categories (any of them); repeat for several. */
                category?: string[];
                /** @description Evidence types (any of them), e.g. `Randomized controlled trial`. */
                evidenceType?: string[];
                /** @description Journals (any of them), matched case-insensitively. */
                source?: string[];
                /** @description `true`: only evidence-labeled articles; `false`: only unlabeled ones. */
                evidenced?: "true" | "false";
                /** @description Publication years (any of them), the values of the `year` facet: repeat the parameter or separate with commas. */
                year?: number[];
                /** @description Published on or after this date. */
                publishedFrom?: string;
                /** @description Published on or before this date. */
                publishedTo?: string;
                /** @description Result order. */
                sort?: "relevance" | "newest" | "oldest";
                /** @description Page number; page × pageSize may not exceed 10000 (use cursor beyond). */
                page?: number;
                /** @description Hits per page. */
                pageSize?: number;
                /** @description The `nextCursor` of the previous page, for deep paging. It is bound to the q, filters, sort and pageSize that issued it: send the same ones, or get a 400 naming cursor. */
                cursor?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description One page of results. */
            200: {
                headers: {
                    /** @description Public responses may be cached briefly by browsers and the CDN. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResponse"];
                };
            };
            /** @description A parameter is invalid; `invalidParams` names each one and says what is wrong. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    suggest: {
        parameters: {
            query?: {
                /** @description What the reader has typed; empty gives no suggestions. */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Suggestions, best first. */
            200: {
                headers: {
                    /** @description Public responses may be cached briefly by browsers and the CDN. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuggestResponse"];
                };
            };
            /** @description A parameter is invalid; `invalidParams` names each one and says what is wrong. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    relatedArticles: {
        parameters: {
            query?: {
                /** @description How many items. */
                limit?: number;
            };
            header?: never;
            path: {
                /** @description The article id, a lower-case slug. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Related articles, best first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RelatedResponse"];
                };
            };
            /** @description A parameter is invalid; `invalidParams` names each one and says what is wrong. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description No such article, or one not published yet (scheduled) or deleted. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    openApi: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The OpenAPI 3.1 document. */
            200: {
                headers: {
                    /** @description Public responses may be cached briefly by browsers and the CDN. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    getArticle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The article id, a lower-case slug. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The live article. */
            200: {
                headers: {
                    /** @description The article version, quoted, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Article"];
                };
            };
            /** @description A parameter is invalid; `invalidParams` names each one and says what is wrong. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing (local bearer token). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are not valid: problem+json from the function, or `{"message":"Forbidden"}` from API Gateway when a SigV4 signature is missing, wrong or not allowed to invoke the route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description No such article. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    putArticle: {
        parameters: {
            query?: never;
            header?: {
                /** @description Only write if the live article is at this version (its ETag). */
                "If-Match"?: string;
            };
            path: {
                /** @description The article id, a lower-case slug. */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ArticleInput"];
            };
        };
        responses: {
            /** @description Replaced. */
            200: {
                headers: {
                    /** @description The article version, quoted, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Article"];
                };
            };
            /** @description Created. */
            201: {
                headers: {
                    /** @description The article version, quoted, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Article"];
                };
            };
            /** @description A parameter is invalid; `invalidParams` names each one and says what is wrong. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing (local bearer token). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are not valid: problem+json from the function, or `{"message":"Forbidden"}` from API Gateway when a SigV4 signature is missing, wrong or not allowed to invoke the route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Concurrent writes; retry. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The article is not at the If-Match version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The body is too large: problem+json from the function, or `{"message":"Request Entity Too Large"}` from API Gateway above its 10 MB payload limit. */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
    deleteArticle: {
        parameters: {
            query?: never;
            header?: {
                /** @description Only delete if the live article is at this version. */
                "If-Match"?: string;
            };
            path: {
                /** @description The article id, a lower-case slug. */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted. */
            204: {
                headers: {
                    /** @description The article version, quoted, for `If-Match`. */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A parameter is invalid; `invalidParams` names each one and says what is wrong. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are missing (local bearer token). */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Credentials are not valid: problem+json from the function, or `{"message":"Forbidden"}` from API Gateway when a SigV4 signature is missing, wrong or not allowed to invoke the route. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description No such article. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Concurrent writes; retry. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description The article is not at the If-Match version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                };
            };
            /** @description Throttled by API Gateway (per-route and stage limits): `{"message":"Too Many Requests"}`; retry with backoff. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description An unexpected error: problem+json from the function, or `{"message":"Internal Server Error"}` from API Gateway when the function itself failed or timed out. */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
            /** @description The search backend is unavailable (problem+json), or API Gateway gave up waiting for the function (`{"message":"Service Unavailable"}`); retry later. */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["Problem"];
                    "application/json": components["schemas"]["GatewayError"];
                };
            };
        };
    };
}
