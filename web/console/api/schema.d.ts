// Generated from the OpenAPI document by scripts/build-console.mjs (npm run build): do not edit.
// The routes' own schemas (src/**/*.route.ts, *.schema.ts) are the source.
export interface paths {
    "/": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console (HTML): its index.html when signed in, else 302 to /login */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/a/{storeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shopper's account page (HTML): points, tier, rewards, referral, challenges, subscriptions, emails */
        get: {
            parameters: {
                query?: {
                    token?: string;
                };
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/a/{storeId}/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The account page saves email preferences (form: token, topic..., frequency, snooze) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/a/{storeId}/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The account page redeems a reward (form: token, optionId) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/a/{storeId}/subscriptions/{id}/{verb}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** The account page changes a subscription: skip, pause (until), resume, cancel (first the save offer and the reason, then confirm=1 with reason and note) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                    storeId: string;
                    verb: "skip" | "pause" | "resume" | "cancel";
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The one-click answer page: says what will be recorded and POSTs it (a GET never records) */
        get: {
            parameters: {
                query?: {
                    t?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Records a one-click answer (form field t): 200 with a thank-you page, once per answer */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/healthz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the server and its database answer (no authentication) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            database?: "ok";
                            /** @enum {string} */
                            status?: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/login": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console's sign-in page (HTML): a form posting email and password to /login */
        get: {
            parameters: {
                query?: {
                    next?: string;
                    signedOut?: string;
                    store?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Sign in (form: email, password, csrf, next): 303 to the console with a new session cookie; the form again with the reason otherwise */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/logout": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Sign out (X-CSRF-Token header or form field csrf): ends the session on the server, clears the cookie, 303 to /login */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/preferences/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The preference page: per-channel and per-purpose choices */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** Saves the preference page: each `choice` field (channel:purpose) sent is on, the rest off */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/readyz": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the database answers and its schema is this build's migrations (no authentication) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @enum {string} */
                            database?: "ok";
                            migrations?: number;
                            /** @enum {string} */
                            status?: "ok";
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/u/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The unsubscribe page: a button that POSTs (a GET never unsubscribes) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        put?: never;
        /** One-click unsubscribe (RFC 8058): body List-Unsubscribe=One-Click; 200 at once, no redirect */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    token: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content?: never;
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/overview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The console's Overview: the retention report's headline numbers with formulas, repeat curve, cohorts, growth split, best customers and actions from the stored orders (as `regulars analyze` computes them), and the predicted CLV distribution */
        get: {
            parameters: {
                query?: {
                    /** @description YYYY-MM-DD: the day to measure up to (default: the day of the latest purchase) */
                    asOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            asOf: string | null;
                            cached: boolean;
                            clvDistribution: {
                                buckets: {
                                    customers: number;
                                    from: number;
                                    to: number | null;
                                }[];
                                customers: number;
                                median: number;
                            } | null;
                            computeMs: number;
                            currency: string | null;
                            firstOrderDate: string | null;
                            lastOrderDate: string | null;
                            locale: string | null;
                            report: {
                                actions: {
                                    customers: number;
                                    /** @enum {string} */
                                    kind: "replenishment" | "win-back" | "second-order" | "vip" | "cross-sell" | "consent";
                                    text: string;
                                }[];
                                aov: number;
                                bestCustomers: {
                                    rest: {
                                        aov: number;
                                        customers: number;
                                        ordersPerCustomer: number;
                                        revenuePerCustomer: number;
                                        revenueShare: number;
                                    };
                                    top: {
                                        aov: number;
                                        customers: number;
                                        ordersPerCustomer: number;
                                        revenuePerCustomer: number;
                                        revenueShare: number;
                                    };
                                };
                                clvSimple: {
                                    aov: number;
                                    formula: string;
                                    frequencyPerYear: number;
                                    /** @enum {string} */
                                    lifespanSource: "estimated" | "given";
                                    lifespanYears: number;
                                    value: number;
                                };
                                cohorts: {
                                    maxMonths: number;
                                    rows: {
                                        cohort: string;
                                        customers: number;
                                        repeatShare: number[];
                                        revenuePerCustomer: number[];
                                    }[];
                                };
                                customers: number;
                                formulas: {
                                    [key: string]: string;
                                };
                                growth: {
                                    aov: number;
                                    change: {
                                        aov: number;
                                        customers: number;
                                        frequency: number;
                                        total: number;
                                    } | null;
                                    customers: number;
                                    frequency: number;
                                    period: string;
                                    revenue: number;
                                }[];
                                orders: number;
                                purchaseFrequency: number;
                                purchaseFrequencyPerYear: number;
                                repeatCurve: {
                                    customers: number;
                                    orders: number;
                                    probabilityNext: number | null;
                                }[];
                                repeatCustomerRate: number;
                                revenue: number;
                            } | null;
                            version: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/console/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The signed-in console user, their store and the CSRF token (401 without a session cookie) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description send as X-CSRF-Token on every POST, PUT, PATCH and DELETE */
                            csrfToken: string;
                            store: {
                                id: string;
                                name: string;
                            };
                            user: {
                                email: string;
                                id: string;
                                /** @enum {string} */
                                role: "owner" | "marketer" | "viewer";
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Redeem a coupon for an order (idempotent per order; converts the cart's reservation; limits hold under concurrency) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description Converts the reservation this cart holds, if any */
                        cartId?: string | number;
                        /** @description The coupon code as the customer typed it (any case) */
                        code: string;
                        /**
                         * Format: currency
                         * @description ISO 4217 code, e.g. EUR
                         */
                        currency?: string;
                        /** @description The customer as the shop knows them; counted for the per-customer limit */
                        customerId: string | number;
                        /** @description Needed by scoped and free-product coupons */
                        lines?: {
                            category?: string | null;
                            quantity: number;
                            sku?: string | null;
                            /** @description The line's total after the shop's line discounts; quantity x unitPriceMinor when left out */
                            totalMinor?: number;
                            unitPriceMinor: number;
                        }[];
                        /** @description The order's id in the shop: one redemption per coupon and order */
                        orderId: string | number;
                        subtotalMinor?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/release": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Free a cart's reservation (failed payment, abandoned cart); releasing again changes nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The checkout's cart id: one reservation of a coupon per cart */
                        cartId: string | number;
                        /** @description The coupon code as the customer typed it (any case) */
                        code: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/reserve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Hold one use of a coupon for a cart for a while (it counts against the usage limit until redeemed, released or expired) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The checkout's cart id: one reservation of a coupon per cart */
                        cartId: string | number;
                        /** @description The coupon code as the customer typed it (any case) */
                        code: string;
                        /**
                         * Format: currency
                         * @description ISO 4217 code, e.g. EUR
                         */
                        currency?: string;
                        /** @description Counted for the per-customer limit; checked for eligibility */
                        customerId?: string | number;
                        /** @description Needed by scoped and free-product coupons */
                        lines?: {
                            category?: string | null;
                            quantity: number;
                            sku?: string | null;
                            /** @description The line's total after the shop's line discounts; quantity x unitPriceMinor when left out */
                            totalMinor?: number;
                            unitPriceMinor: number;
                        }[];
                        subtotalMinor?: number;
                        /** @description How long the use is held (default 900) */
                        ttlSeconds?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/coupons/validate": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** What a code (or a set of codes) is worth for a cart: the discount, or the reason it does not apply (200 either way); counts nothing */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description A reservation this cart holds is its own use: the usage limit does not refuse it */
                        cartId?: string | number;
                        /** @description The coupon code as the customer typed it (any case) */
                        code?: string;
                        /** @description Several codes for one cart: the combination rules decide which apply together */
                        codes?: string[];
                        /**
                         * Format: currency
                         * @description ISO 4217 code, e.g. EUR
                         */
                        currency: string;
                        /** @description Checks the customer's own limit and eligibility when given */
                        customerId?: string | number;
                        /** @description Needed by scoped and free-product coupons */
                        lines?: {
                            category?: string | null;
                            quantity: number;
                            sku?: string | null;
                            /** @description The line's total after the shop's line discounts; quantity x unitPriceMinor when left out */
                            totalMinor?: number;
                            unitPriceMinor: number;
                        }[];
                        subtotalMinor: number;
                    } & (unknown | unknown);
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Search customers by external id, email, phone or name prefix; cursor pagination */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                    query?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customers: {
                                [key: string]: unknown;
                            }[];
                            nextCursor: string | null;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create or update a customer by external id; consent entries are appended to the history */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        attributes?: {
                            [key: string]: unknown;
                        };
                        birthday?: string | null;
                        consent?: {
                            /** @enum {string} */
                            channel: "email" | "sms" | "push" | "whatsapp";
                            doubleOptInAt?: string | null;
                            ip?: string | null;
                            /**
                             * @default marketing
                             * @enum {string}
                             */
                            purpose?: "marketing" | "transactional";
                            /** @description ISO 8601 with offset, e.g. 2024-03-01T14:05:00Z */
                            recordedAt?: string;
                            /** @default api */
                            source?: string;
                            /** @enum {string} */
                            status: "granted" | "revoked" | "pending";
                        }[];
                        email?: string | null;
                        /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                        externalId: string | number;
                        firstName?: string | null;
                        lastName?: string | null;
                        locale?: string | null;
                        phone?: string | null;
                        tags?: string[];
                        timeZone?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Customer 360: profile, consent, orders, summary statistics, RFM segment, recent events, predictions, points, recent messages */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/challenges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's open challenges and the latest closed ones: target, progress, deadline, bonus, status */
        get: {
            parameters: {
                query?: {
                    /** @description closed challenges to include */
                    recent?: number;
                };
                header?: never;
                path: {
                    /** @description Regulars' id (cus_...) or the store's own customer id */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            challenges: {
                                [key: string]: unknown;
                            }[];
                            customerId: string;
                            externalId: string;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's memberships (newest first) and the perks they give now; id is the external id or cus_... */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Merge the customer `from` into this one in one transaction: every row moves, both source ids are kept, an audit row is written */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /**
                         * @description say what would move, change nothing
                         * @default false
                         */
                        dryRun?: boolean;
                        /** @description the customer to remove (cus_... or a source id) */
                        from: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The merges that kept this customer, newest first (the audit trail) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            merges: {
                                [key: string]: unknown;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's points: available, pending, total, next expiry, and the ledger newest first (cursor pagination) */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    /** @description The customer's id in the shop, or Regulars' cus_... id */
                    id: string | number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/referral-code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's referral code: made on the first call, the same ever after */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer as the shop knows them (external id), or Regulars' id cus_... */
                    id: string | number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The customer's referral code, who referred them, and the referrals made with their code */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer as the shop knows them (external id), or Regulars' id cus_... */
                    id: string | number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The segments the customer ({id}: the store's id or cus_...) is in, each explained: every condition with its actual value and whether it held */
        get: {
            parameters: {
                query?: {
                    /** @description Evaluate at this moment: YYYY-MM-DD or ISO 8601 with offset (default: now) */
                    asOf?: string;
                };
                header?: never;
                path: {
                    /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                    id: string | number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's subscriptions (newest first), as they stand today; id is the external id or cus_... */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/tier": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A customer's tier and perks, their measure, the next tier and what is missing, and the period end */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The customer as the shop knows them (external id), or Regulars' id cus_... */
                    id: string | number;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record what a customer did (cart updated, checkout started, product viewed, review, email opened/clicked, custom) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        customer: {
                            attributes?: {
                                [key: string]: unknown;
                            };
                            birthday?: string | null;
                            email?: string | null;
                            /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                            externalId: string | number;
                            firstName?: string | null;
                            lastName?: string | null;
                            locale?: string | null;
                            phone?: string | null;
                            tags?: string[];
                            timeZone?: string | null;
                        };
                        /** @enum {string} */
                        kind: "cart_updated" | "checkout_started" | "product_viewed" | "review_submitted" | "email_opened" | "email_clicked" | "custom" | "points_earned" | "points_expiring" | "points_expired" | "tier_changed" | "referral_rewarded" | "challenge_offered" | "challenge_completed" | "membership_changed" | "membership_renewal_due" | "subscription_changed" | "segment_entered" | "segment_exited" | "unsubscribed";
                        /** @description Default: when the server received it */
                        occurredAt?: string;
                        /** @default {} */
                        payload?: {
                            [key: string]: unknown;
                        };
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's flows (the built-ins it has not enabled are listed, off) with their settings in effect */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}/disable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Disable a flow: it plans nothing more */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The flow's (or campaign's) name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}/enable": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Enable a flow after its gates: templates pass the content lint (TEMPLATE_LINT_BLOCKED), and a campaign's copy too (CAMPAIGN_COPY_BLOCKED), the shop profile is complete (SHOP_PROFILE_INCOMPLETE), the email scores within the SpamAssassin limit (SPAM_SCORE_TOO_HIGH; spamCheck in the answer says when it was not scored and why) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    /** @description The flow's (or campaign's) name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/flows/{id}/performance": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Sent, delivered, conversions and revenue of treatment against holdout, incremental lift with its 95% interval, attributed beside incremental revenue */
        get: {
            parameters: {
                query?: {
                    /** @description Only messages from this moment (YYYY-MM-DD or ISO 8601) */
                    since?: string;
                    /** @description Only messages until this moment (YYYY-MM-DD: its end) */
                    until?: string;
                    /** @description The attribution window: an order within this many days after the message converts */
                    windowDays?: number;
                };
                header?: never;
                path: {
                    /** @description The flow's (or campaign's) name */
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/loyalty/actions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Posts the points of a named action (signup, newsletter, review, birthday, custom) once per key, within its per-customer limit */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        action: string;
                        /** @description The customer's id in the shop (or Regulars' cus_... id) */
                        customerId: string | number;
                        /** @description Posts once per key (a review id...); default: occurredAt, or its year for a yearly action */
                        key?: string;
                        /** @description When the customer did it; default: now */
                        occurredAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/loyalty/liability": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Outstanding points and their money value, points earned/redeemed/expired/reversed per month, breakage rate */
        get: {
            parameters: {
                query?: {
                    /** @description Default: now */
                    asOf?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/loyalty/program": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's loyalty program with its defaults; 404 NOT_FOUND when the store has none (the program is off) */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        /** Sets the store's loyalty program (docs/loyalty.md); a bad field is 400 INVALID_ARGUMENT with details.field */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/loyalty/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spends points on a redemption option and answers the single-use coupon it makes (409 INSUFFICIENT_POINTS when the available points do not suffice) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer's id in the shop (or Regulars' cus_... id) */
                        customerId: string | number;
                        optionId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/membership-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's membership plans */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a paid membership plan: fee per period and perks */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The store's name for the plan: a-z 0-9 - _ (any case; stored lower case) */
                        code: string;
                        /**
                         * Format: currency
                         * @description ISO 4217 code, e.g. EUR
                         */
                        currency: string;
                        /** @description The fee for one billing period, minor units */
                        feeMinor: number;
                        name: string;
                        /** @description Billing period in calendar months (12 = yearly) */
                        periodMonths: number;
                        perks?: {
                            /**
                             * @description Earned points x this (1.5 = 50% extra)
                             * @default 1
                             */
                            extraPointsMultiplier?: number;
                            /**
                             * @description Free shipping with no minimum
                             * @default false
                             */
                            freeShipping?: boolean;
                            /** @default null */
                            memberCouponPercent?: number | null;
                            /** @default [] */
                            textPerks?: string[];
                        };
                        /**
                         * @description membership_renewal_due this many days before renewal; 0 for none
                         * @default 7
                         */
                        renewalReminderDays?: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/memberships": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a customer's membership of a plan (after the provider took the first payment) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer as the shop knows them (their external id), or Regulars id cus_... */
                        customerId: string | number;
                        /** @description The plan's id (mpl_...) or code */
                        plan: string;
                        /** @description Start of the first paid period; default now */
                        startedAt?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/memberships/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One membership */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/memberships/{id}/status": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Apply the payment provider's status (renewed/paid, payment_failed, cancelled, expired); idempotent per eventId */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The provider's event id: a repeat is answered as duplicate and applied once */
                        eventId?: string;
                        /** @description When it happened at the provider; default now */
                        occurredAt?: string;
                        /**
                         * @description The payment provider's news: renewed (or paid), payment_failed, cancelled, expired
                         * @enum {string}
                         */
                        status: "renewed" | "paid" | "payment_failed" | "cancelled" | "expired";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or update an order by its external id (and its customer by theirs); repeated delivery has one effect */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        cancelledAt?: string | null;
                        /**
                         * Format: currency
                         * @description ISO 4217 code, e.g. EUR
                         */
                        currency: string;
                        customer: {
                            attributes?: {
                                [key: string]: unknown;
                            };
                            birthday?: string | null;
                            email?: string | null;
                            /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                            externalId: string | number;
                            firstName?: string | null;
                            lastName?: string | null;
                            locale?: string | null;
                            phone?: string | null;
                            tags?: string[];
                            timeZone?: string | null;
                        };
                        /** @default 0 */
                        discountMinor?: number;
                        /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                        externalId: string | number;
                        /** @default [] */
                        lines?: {
                            category?: string | null;
                            /** @description Unit price in minor units */
                            priceMinor: number;
                            quantity: number;
                            sku?: string | null;
                            title: string;
                            /** @description The line's total after line discounts; default quantity x priceMinor */
                            totalMinor?: number;
                        }[];
                        /** @description ISO 8601, e.g. 2024-03-01T14:05:00+01:00 */
                        orderedAt: string;
                        /** @default 0 */
                        refundedMinor?: number;
                        /** @default 0 */
                        shippingMinor?: number;
                        /**
                         * @description Default 'paid', or 'cancelled' with cancelledAt
                         * @enum {string}
                         */
                        status?: "pending" | "paid" | "partially_refunded" | "refunded" | "cancelled";
                        /** @description Default: the sum of the line totals, or totalMinor without lines */
                        subtotalMinor?: number;
                        totalMinor: number;
                        updatedAt?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Regulars' customer id (cus_...) */
                            customerId: string;
                            externalId: string;
                            /** @description Regulars' order id (ord_...) */
                            id: string;
                            /**
                             * @description 'stale': a later version is already stored
                             * @enum {string}
                             */
                            outcome: "created" | "updated" | "unchanged" | "stale";
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            /** @description Regulars' customer id (cus_...) */
                            customerId: string;
                            externalId: string;
                            /** @description Regulars' order id (ord_...) */
                            id: string;
                            /**
                             * @description 'stale': a later version is already stored
                             * @enum {string}
                             */
                            outcome: "created" | "updated" | "unchanged" | "stale";
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/orders:batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or update up to 1000 orders in one transaction; all are validated before any is written */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        orders: {
                            cancelledAt?: string | null;
                            /**
                             * Format: currency
                             * @description ISO 4217 code, e.g. EUR
                             */
                            currency: string;
                            customer: {
                                attributes?: {
                                    [key: string]: unknown;
                                };
                                birthday?: string | null;
                                email?: string | null;
                                /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                                externalId: string | number;
                                firstName?: string | null;
                                lastName?: string | null;
                                locale?: string | null;
                                phone?: string | null;
                                tags?: string[];
                                timeZone?: string | null;
                            };
                            /** @default 0 */
                            discountMinor?: number;
                            /** @description The source system's id, as text (a JSON integer is taken as its digits) */
                            externalId: string | number;
                            /** @default [] */
                            lines?: {
                                category?: string | null;
                                /** @description Unit price in minor units */
                                priceMinor: number;
                                quantity: number;
                                sku?: string | null;
                                title: string;
                                /** @description The line's total after line discounts; default quantity x priceMinor */
                                totalMinor?: number;
                            }[];
                            /** @description ISO 8601, e.g. 2024-03-01T14:05:00+01:00 */
                            orderedAt: string;
                            /** @default 0 */
                            refundedMinor?: number;
                            /** @default 0 */
                            shippingMinor?: number;
                            /**
                             * @description Default 'paid', or 'cancelled' with cancelledAt
                             * @enum {string}
                             */
                            status?: "pending" | "paid" | "partially_refunded" | "refunded" | "cancelled";
                            /** @description Default: the sum of the line totals, or totalMinor without lines */
                            subtotalMinor?: number;
                            totalMinor: number;
                            updatedAt?: string | null;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created: number;
                            results: {
                                /** @description Regulars' customer id (cus_...) */
                                customerId: string;
                                externalId: string;
                                /** @description Regulars' order id (ord_...) */
                                id: string;
                                /**
                                 * @description 'stale': a later version is already stored
                                 * @enum {string}
                                 */
                                outcome: "created" | "updated" | "unchanged" | "stale";
                            }[];
                            stale: number;
                            unchanged: number;
                            updated: number;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/products": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create or update a product by SKU */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        category?: string | null;
                        /**
                         * @description SKUs bought with it
                         * @default []
                         */
                        complements?: string[];
                        currency?: string | null;
                        priceMinor?: number | null;
                        replenishmentDays?: number | null;
                        sku: string;
                        title: string;
                        upgradeTo?: string | null;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Record that a new customer came with a referral code (fraud checks: self, same email, existing customer, per-IP limit) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The referrer's code, as the new customer brought it (any case) */
                        code: string;
                        /** @description The referred (new) customer, as the shop knows them (or Regulars' id cus_...); upsert them first */
                        customerId: string | number;
                        /** @description The referred customer's email, when it differs from the stored one */
                        email?: string;
                        /** @description The referred customer's IP address, for the per-IP limit */
                        ip?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/referrals/settings": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's referral settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        /** Set the referral settings: points for each side, the per-IP limit (INVALID_ARGUMENT names a bad field) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's segments, built-ins first, with their rules and member counts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Create a segment from a rule; its members come with the next refresh */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        name: string;
                        /** @description The segment rule (docs/segments.md); errors name the faulty part by JSON pointer in details.path */
                        rule: Record<string, never>;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A segment */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        /** Replace a segment's name, description and rule (built-ins: SEGMENT_BUILT_IN) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        description?: string | null;
                        name: string;
                        /** @description The segment rule (docs/segments.md); errors name the faulty part by JSON pointer in details.path */
                        rule: Record<string, never>;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        /** Delete a segment (built-ins: SEGMENT_BUILT_IN) */
        delete: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}/members": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The segment's members at its last refresh, with when they entered; cursor pagination */
        get: {
            parameters: {
                query?: {
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}/preview": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Who the rule holds for now: the count and the first members (writes nothing) */
        get: {
            parameters: {
                query?: {
                    /** @description Evaluate at this moment: YYYY-MM-DD or ISO 8601 with offset (default: now) */
                    asOf?: string;
                    limit?: number;
                };
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/segments/{id}/refresh": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Recompute the segment's members now; entries and exits become customer events */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/settings/delivery": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's delivery settings in force: time zone, quiet hours, frequency cap, holdout shares, attempts */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        /** Change the delivery settings: the fields sent replace the stored ones, the others stay (INVALID_ARGUMENT names a bad or unknown field) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shopper/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shopper's own points { available, pending }, tier and progress to the next, referral code and link, open challenges, membership, subscriptions */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shopper/preferences": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The shopper's message preferences: topics, frequency, snooze */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        /** Changes the shopper's preferences: any of topics (each on or off), frequency, snooze (true: 30 days; false: end it), unsubscribeAll */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @enum {string} */
                        frequency?: "as_sent" | "weekly" | "monthly";
                        snooze?: boolean;
                        topics?: {
                            loyalty?: boolean;
                            newsletter?: boolean;
                            offers?: boolean;
                            replenishment?: boolean;
                            reviews?: boolean;
                        };
                        unsubscribeAll?: boolean;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shopper/redeem": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Spends the shopper's points on a reward and answers its single-use coupon (409 INSUFFICIENT_POINTS); Idempotency-Key honoured */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        optionId: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/shopper/rewards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The rewards the shopper can redeem points for, what each costs, and which the available points reach */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscription-offers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Create a subscription offer, or replace the terms of the offer with this code; answers with its price table */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The price per month without commitment, minor units */
                        baseMonthlyMinor: number;
                        /** @description The offer's code (a-z 0-9 - _, any case) */
                        code: string;
                        /**
                         * Format: currency
                         * @description ISO 4217 code, e.g. EUR
                         */
                        currency: string;
                        /** @default 1 */
                        deliveryIntervalMonths?: number;
                        name: string;
                        sku: string;
                        terms: {
                            /** @description Percent off the base price, at most two decimals */
                            discountPercent?: number;
                            /** @description Or the monthly price for this term, minor units */
                            monthlyMinor?: number;
                            months: number;
                        }[];
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a subscription of an offer on one of its terms, at the term price of today */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer as the shop knows them (their external id), or Regulars id cus_... */
                        customerId: string | number;
                        /** @description The first delivery; default the start */
                        firstDeliveryOn?: string;
                        /** @description The offer's code (a-z 0-9 - _, any case) */
                        offer?: string;
                        /** @description Instead of offer: the SKU of the one offer for it */
                        sku?: string;
                        /** @description Start of the commitment; default today (UTC) */
                        startedOn?: string;
                        termMonths: number;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One subscription, as it stands today */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Cancel with a reason (kept for the churn-reason report); ends at the commitment end */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer's own words */
                        note?: string;
                        /**
                         * @description One of too_expensive, too_much_product, not_using, quality, delivery_problems, found_alternative, traveling, temporary_break, other
                         * @enum {string}
                         */
                        reason: "too_expensive" | "too_much_product" | "not_using" | "quality" | "delivery_problems" | "found_alternative" | "traveling" | "temporary_break" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Pause until a date: deliveries start again on the first scheduled day from it */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer's own words */
                        note?: string;
                        /**
                         * @description One of too_expensive, too_much_product, not_using, quality, delivery_problems, found_alternative, traveling, temporary_break, other
                         * @enum {string}
                         */
                        reason?: "too_expensive" | "too_much_product" | "not_using" | "quality" | "delivery_problems" | "found_alternative" | "traveling" | "temporary_break" | "other";
                        /** @description A calendar date YYYY-MM-DD */
                        until: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** End a pause now */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": Record<string, never>;
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/{id}/skip": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Skip the next delivery: it moves one delivery interval later */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    id: string;
                };
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The customer's own words */
                        note?: string;
                        /**
                         * @description One of too_expensive, too_much_product, not_using, quality, delivery_problems, found_alternative, traveling, temporary_break, other
                         * @enum {string}
                         */
                        reason?: "too_expensive" | "too_much_product" | "not_using" | "quality" | "delivery_problems" | "found_alternative" | "traveling" | "temporary_break" | "other";
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/churn-reasons": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Why customers cancel, skip and pause: counts and shares of reasons by month */
        get: {
            parameters: {
                query?: {
                    /** @description First month (inclusive) */
                    from?: string;
                    /** @description Last month (inclusive) */
                    to?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/subscriptions/quote": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An offer's price table: monthly price, total and saving per term, exact minor units */
        get: {
            parameters: {
                query?: {
                    /** @description The offer's code (a-z 0-9 - _, any case) */
                    offer?: string;
                    sku?: string;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suppressions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's suppressions, by channel, address and reason; filter by channel or address; cursor pagination */
        get: {
            parameters: {
                query?: {
                    /** @description The email address or phone number; stored trimmed and, for email, in lower case */
                    address?: string;
                    /** @description The channel the address belongs to (default 'email') */
                    channel?: "email" | "sms" | "push" | "whatsapp";
                    /** @description nextCursor of the previous page */
                    cursor?: string;
                    limit?: number;
                };
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            nextCursor?: string | null;
                            suppressions?: {
                                address?: string;
                                channel?: string;
                                createdAt?: string;
                                /** @description The customer's external id, when known */
                                customerId?: string | null;
                                detail?: string | null;
                                occurredAt?: string;
                                /** @enum {string} */
                                reason?: "unsubscribed" | "bounced" | "complained";
                                source?: string;
                            }[];
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        put?: never;
        /** Record a bounce, complaint or unsubscribe for an address (idempotent: 201 when new, 200 when already recorded) */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        /** @description The email address or phone number; stored trimmed and, for email, in lower case */
                        address: string;
                        /**
                         * @description The channel the address belongs to (default 'email')
                         * @enum {string}
                         */
                        channel?: "email" | "sms" | "push" | "whatsapp";
                        /** @description The customer's external id, if the ESP's event carries it */
                        customerId?: string | number;
                        /** @description The ESP's diagnostic, e.g. '550 5.1.1 user unknown' */
                        detail?: string;
                        /** @description When the ESP saw it (default: now) */
                        occurredAt?: string;
                        /**
                         * @description 'bounced' for a hard bounce only (the address does not exist); 'complained' for a spam report
                         * @enum {string}
                         */
                        reason: "unsubscribed" | "bounced" | "complained";
                        /** @description Who reported it (default 'api'), e.g. 'postmark' */
                        source?: string;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created?: boolean;
                            suppression?: {
                                address?: string;
                                channel?: string;
                                createdAt?: string;
                                /** @description The customer's external id, when known */
                                customerId?: string | null;
                                detail?: string | null;
                                occurredAt?: string;
                                /** @enum {string} */
                                reason?: "unsubscribed" | "bounced" | "complained";
                                source?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                201: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            created?: boolean;
                            suppression?: {
                                address?: string;
                                channel?: string;
                                createdAt?: string;
                                /** @description The customer's external id, when known */
                                customerId?: string | null;
                                detail?: string | null;
                                occurredAt?: string;
                                /** @enum {string} */
                                reason?: "unsubscribed" | "bounced" | "complained";
                                source?: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tiers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The store's tier settings */
        get: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        /** Set the tier settings: basis, currency, levels with thresholds and perks (INVALID_ARGUMENT names a bad field) */
        put: {
            parameters: {
                query?: never;
                header?: never;
                path?: never;
                cookie?: never;
            };
            requestBody: {
                content: {
                    "application/json": {
                        [key: string]: unknown;
                    };
                };
            };
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/webhooks/shopify/{storeId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Shopify webhooks (orders/create, orders/updated, orders/cancelled, refunds/create, customers/create, customers/update), signed with X-Shopify-Hmac-Sha256 */
        post: {
            parameters: {
                query?: never;
                header?: never;
                path: {
                    storeId: string;
                };
                cookie?: never;
            };
            requestBody?: never;
            responses: {
                /** @description Default Response */
                200: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            customerId?: string | null;
                            orderId?: string | null;
                            /**
                             * @description 'duplicate': delivered before; 'stale': a later version is stored; 'ignored': nothing to do (reason says why)
                             * @enum {string}
                             */
                            outcome: "processed" | "duplicate" | "stale" | "ignored";
                            reason?: string;
                            topic: string;
                            /** @description stored, but needs a look: the order’s refunds exceed its total (capped, excess kept) */
                            warning?: string;
                        } & {
                            [key: string]: unknown;
                        };
                    };
                };
                /** @description Default Response */
                400: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                401: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                403: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                404: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                409: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                413: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                415: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                422: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
                /** @description Default Response */
                429: {
                    headers: {
                        [name: string]: unknown;
                    };
                    content: {
                        "application/json": {
                            error: {
                                /** @description One of the codes in docs/errors.md */
                                code: string;
                                details: {
                                    [key: string]: unknown;
                                };
                                message: string;
                            };
                        };
                    };
                };
            };
        };
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: never;
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export type operations = Record<string, never>;
