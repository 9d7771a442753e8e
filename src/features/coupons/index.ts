export type { Coupon, CouponInput } from './coupon.js';
export type { CouponRedemptionTable } from './coupon-redemption.table.js';
export type { CouponReservationTable } from './coupon-reservation.table.js';
export type { CouponTable } from './coupon.table.js';
export { createCoupon, randomCouponCode } from './coupons.service.js';
export { couponReservationSweep, releaseCouponsForOrder } from './release-coupons-for-order.service.js';
export { couponRoutes } from './coupons.route.js';
export { couponsManageRoutes } from './coupons-manage.route.js';
export { registerCouponsCommand } from './coupons.command.js';
// For the shops' discount codes (shop-discounts): a coupon by its code, and a use at the shop's checkout.
export { normalizeCouponCode } from './coupon.js';
export { findCouponByCode } from './coupon.repository.js';
export { redeemCoupon } from './redeem-coupon.service.js';
