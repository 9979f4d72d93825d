import { illustrationSrc } from "@/lib/shop/illustrations";

/** A cookie's drawing. Decorative: the cookie's name is always written beside it. */
export function CookiePicture({ illustration, className }: { illustration: string; className?: string }) {
  return (
    // A plain <img>: the drawings are small SVG files that next/image would not optimise.
    // eslint-disable-next-line @next/next/no-img-element
    <img src={illustrationSrc(illustration)} alt="" width={240} height={180} className={className} />
  );
}
