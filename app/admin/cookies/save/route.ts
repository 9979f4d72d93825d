import { adminFormHandler, backToCatalog, saveCookie } from "@/lib/shop/admin-requests";

export const POST = adminFormHandler(saveCookie);
export const GET = backToCatalog;
