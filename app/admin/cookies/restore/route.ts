import { adminFormHandler, backToCatalog, changeRetirement } from "@/lib/shop/admin-requests";

export const POST = adminFormHandler(changeRetirement(false));
export const GET = backToCatalog;
