import { adminFormHandler, backToCatalog, changeRetirement } from "@/lib/shop/admin-requests";

export const POST = adminFormHandler(changeRetirement(true));
export const GET = backToCatalog;
