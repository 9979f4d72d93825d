// /health through middleware: see app/health/route.ts.
export { GET } from "../../health/route";
